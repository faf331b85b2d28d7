<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<c:set var="current" value="tokens"/>
<w:layout title="Tokens">
  <jsp:attribute name="scripts">
    <script src="${pageContext.request.contextPath}/static/wikiadmin.js"></script>
  </jsp:attribute>
  <jsp:body>
    <h1>Access tokens</h1>
    <%@ include file="tabs.jspf" %>
    <p>A token lets a program — a script, an assistant over MCP, git — use this wiki's API as a viewer or editor,
      and nothing else.</p>
    <p id="git-token-hint">For git, give the token as the password (any user name) when cloning
      <code><c:out value="${cloneUrl}"/></code>: a viewer token may clone and fetch, an editor token may also push.</p>
    <c:if test="${done == 'token-revoked'}"><p class="notice" id="tokens-done" role="status">The token is revoked; programs using it are locked out.</p></c:if>
    <c:if test="${not empty issued}">
      <article class="new-token" id="new-token">
        <h2>Token “<c:out value="${issued.token().name()}"/>” is ready</h2>
        <p><strong>Copy it now:</strong> it is shown only this once and cannot be shown again.</p>
        <div role="group">
          <input id="new-token-secret" readonly value="<c:out value='${issued.secret()}'/>" aria-label="The new token" class="secret">
          <button type="button" id="copy-token" class="secondary" data-copy="new-token-secret">Copy</button>
        </div>
      </article>
    </c:if>
    <div class="overflow-auto">
      <table id="tokens" class="striped stack">
        <thead><tr><th>Name</th><th>Role</th><th>Created</th><th>Last used</th><th></th></tr></thead>
        <tbody>
        <c:forEach var="token" items="${tokens}">
          <tr class="token">
            <td class="token-name" data-label="Name"><c:out value="${token.name()}"/></td>
            <td class="token-role" data-label="Role">${token.role().dbValue()}</td>
            <td data-label="Created"><time datetime="${token.createdAt()}">${token.createdAt()}</time></td>
            <td data-label="Last used"><c:choose>
              <c:when test="${token.lastUsedAt() == null}">never</c:when>
              <c:otherwise><time datetime="${token.lastUsedAt()}">${token.lastUsedAt()}</time></c:otherwise>
            </c:choose></td>
            <td class="row-actions">
              <form method="post" action="${base}/-/tokens" class="revoke-token-form inline-form">
                <input type="hidden" name="csrf" value="${csrf}">
                <input type="hidden" name="action" value="revoke">
                <input type="hidden" name="id" value="<c:out value='${token.id()}'/>">
                <button type="submit" class="revoke-token-button outline secondary">Revoke</button>
              </form>
            </td>
          </tr>
        </c:forEach>
        <c:if test="${empty tokens}"><tr><td colspan="5" id="no-tokens">This wiki has no tokens.</td></tr></c:if>
        </tbody>
      </table>
    </div>
    <article class="narrow-card">
      <h2>New token</h2>
      <form method="post" action="${base}/-/tokens" id="token-form">
        <input type="hidden" name="csrf" value="${csrf}">
        <input type="hidden" name="action" value="create">
        <div class="grid">
          <label>Name
            <input name="name" id="token-name" required maxlength="100" placeholder="laptop, assistant…" autocomplete="off"
                   value="<c:out value='${typedName}'/>">
          </label>
          <label>Role
            <select name="role" id="token-role">
              <option value="viewer">Viewer — may read</option>
              <option value="editor" <c:if test="${typedRole == 'editor'}">selected</c:if>>Editor — may read and edit</option>
            </select>
          </label>
        </div>
        <button type="submit" id="token-submit">Create token</button>
      </form>
    </article>
  </jsp:body>
</w:layout>
