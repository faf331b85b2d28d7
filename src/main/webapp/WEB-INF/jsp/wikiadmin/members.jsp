<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<c:set var="current" value="members"/>
<c:set var="typedGrant" value="${failedAction == 'grant' ? typedUsername : ''}"/>
<c:set var="typedTransfer" value="${failedAction == 'transfer' ? typedUsername : ''}"/>
<w:layout title="Members">
  <h1>Members</h1>
  <%@ include file="tabs.jspf" %>
  <c:if test="${not empty done}">
    <p class="notice" id="members-done" role="status">
      <c:choose>
        <c:when test="${done == 'granted'}">The role is given.</c:when>
        <c:when test="${done == 'revoked'}">The member is removed.</c:when>
        <c:when test="${done == 'transferred'}">The wiki has a new owner.</c:when>
      </c:choose>
    </p>
  </c:if>
  <div class="overflow-auto">
    <table id="members" class="striped stack">
      <thead><tr><th>Username</th><th>Role</th><th>Granted by</th><th>Since</th><th></th></tr></thead>
      <tbody>
      <c:forEach var="member" items="${members}">
        <tr class="member">
          <td class="member-username" data-label="Username"><c:out value="${member.username().value()}"/></td>
          <td class="member-role" data-label="Role">${member.role().dbValue()}</td>
          <td data-label="Granted by"><c:out value="${member.grantedBy() == null ? '—' : member.grantedBy().value()}"/></td>
          <td data-label="Since"><time datetime="${member.grantedAt()}">${member.grantedAt()}</time></td>
          <td class="row-actions">
            <c:if test="${member.role() != 'OWNER'}">
              <form method="post" action="${base}/-/members" class="revoke-form inline-form">
                <input type="hidden" name="csrf" value="${csrf}">
                <input type="hidden" name="action" value="revoke">
                <input type="hidden" name="username" value="<c:out value='${member.username().value()}'/>">
                <button type="submit" class="revoke-button outline secondary">Remove</button>
              </form>
            </c:if>
          </td>
        </tr>
      </c:forEach>
      </tbody>
    </table>
  </div>
  <div class="grid admin-cards">
    <article>
      <h2>Add someone</h2>
      <form method="post" action="${base}/-/members" id="grant-form">
        <input type="hidden" name="csrf" value="${csrf}">
        <input type="hidden" name="action" value="grant">
        <label>Username
          <input name="username" id="grant-username" required autocomplete="off"
                 value="<c:out value='${typedGrant}'/>">
        </label>
        <label>Role
          <select name="role" id="grant-role">
            <option value="viewer">Viewer — may read</option>
            <option value="editor" <c:if test="${typedRole == 'editor'}">selected</c:if>>Editor — may read and edit</option>
          </select>
        </label>
        <small>Giving an existing member a new role replaces the old one.</small>
        <button type="submit" id="grant-submit">Give the role</button>
      </form>
    </article>
    <article>
      <h2>Transfer ownership</h2>
      <form method="post" action="${base}/-/members" id="transfer-form">
        <input type="hidden" name="csrf" value="${csrf}">
        <input type="hidden" name="action" value="transfer">
        <label>New owner's username
          <input name="username" id="transfer-username" required autocomplete="off"
                 value="<c:out value='${typedTransfer}'/>">
        </label>
        <label>
          <input type="checkbox" name="confirm" id="transfer-confirm" required>
          I understand: the wiki moves to them (and to their address), and I stay on as an editor.
        </label>
        <button type="submit" id="transfer-submit" class="contrast">Transfer the wiki</button>
      </form>
    </article>
  </div>
</w:layout>
