<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<c:set var="ctx" value="${pageContext.request.contextPath}"/>
<w:layout title="Open wikis">
  <p><a href="${ctx}/admin" id="back-to-admin">Platform admin</a></p>
  <h1>Open wikis</h1>
  <c:if test="${not empty problem}"><p class="problem" id="form-problem" role="alert"><c:out value="${problem}"/></p></c:if>
  <c:if test="${not empty done}">
    <p class="notice" id="admin-done" role="status">
      <c:choose>
        <c:when test="${done == 'one'}">The wiki is closed. It opens again when someone next uses it.</c:when>
        <c:when test="${done == 'idle'}">Idle wikis closed: ${closedCount}.</c:when>
      </c:choose>
    </p>
  </c:if>

  <section id="open-wikis-section" class="admin-section">
    <p>The wikis this server holds open: their database, repository and search index. At most <code>openWikiCap</code>
      stay open; the least recently used idle one is closed first. A wiki with leases is in use and is never closed.
      Open file handles are not counted per wiki.</p>
    <form method="post" action="${ctx}/admin/open-wikis/close-idle" id="close-idle-form">
      <input type="hidden" name="csrf" value="${csrf}">
      <button type="submit" id="close-idle-submit" class="outline">Close all idle wikis</button>
    </form>
    <c:choose>
      <c:when test="${empty openWikis}"><p id="no-open-wikis">No wiki is open.</p></c:when>
      <c:otherwise>
        <div class="overflow-auto">
          <table id="open-wikis" class="striped stack">
            <thead><tr><th>Wiki</th><th>Id</th><th>Opened</th><th>Last used</th><th>Leases</th><th>Search index</th><th>Close</th></tr></thead>
            <tbody>
            <c:forEach var="line" items="${openWikis}">
              <tr class="open-wiki" data-wiki-id="${line.id()}">
                <td class="open-wiki-name" data-label="Wiki">
                  <c:choose>
                    <c:when test="${line.wiki() != null}"><a href="${line.url()}/"><c:out value="${line.wiki().owner().value()}/${line.wiki().slug().value()}"/></a></c:when>
                    <c:otherwise>—</c:otherwise>
                  </c:choose>
                </td>
                <td class="open-wiki-id" data-label="Id"><code>${line.id()}</code></td>
                <td data-label="Opened"><time datetime="${line.openedAt()}">${line.openedAt()}</time></td>
                <td data-label="Last used"><time datetime="${line.lastUsed()}">${line.lastUsed()}</time></td>
                <td class="open-wiki-leases" data-label="Leases">${line.leases()}</td>
                <td class="open-wiki-index" data-label="Search index">${line.searchIndexOpen() ? 'open' : 'closed'}</td>
                <td class="row-actions">
                  <form method="post" action="${ctx}/admin/open-wikis/close" class="close-wiki-form inline-form">
                    <input type="hidden" name="csrf" value="${csrf}">
                    <input type="hidden" name="wiki_id" value="${line.id()}">
                    <button type="submit" class="outline secondary">Close</button>
                  </form>
                </td>
              </tr>
            </c:forEach>
            </tbody>
          </table>
        </div>
      </c:otherwise>
    </c:choose>
  </section>
</w:layout>
