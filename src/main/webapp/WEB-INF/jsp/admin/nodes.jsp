<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<c:set var="ctx" value="${pageContext.request.contextPath}"/>
<w:layout title="Nodes">
  <p><a href="${ctx}/admin" id="back-to-admin">Platform admin</a></p>
  <h1>Nodes</h1>
  <c:if test="${not empty problem}"><p class="problem" id="form-problem" role="alert"><c:out value="${problem}"/></p></c:if>
  <c:if test="${not empty movedWiki}">
    <p class="notice" id="admin-done" role="status">Moved <c:out value="${movedWiki}"/> to <c:out value="${movedTo}"/>;
      it was read-only for ${movedMillis} ms.</p>
  </c:if>

  <section id="nodes-section" class="admin-section">
    <p>Each wiki lives whole on one node (its repository, database and search index) and only that node answers
      for it; the proxy in front sends each request there. A node is <em>live</em> while it reports itself every
      30 seconds. With one node and the embedded database, this list shows nothing.</p>
    <c:choose>
      <c:when test="${empty nodes}"><p id="no-nodes">No node has reported: this server runs alone.</p></c:when>
      <c:otherwise>
        <div class="overflow-auto">
          <table id="nodes" class="striped stack">
            <thead><tr><th>Node</th><th>State</th><th>Wikis</th><th>Free disk</th><th>Last report</th><th>Address</th></tr></thead>
            <tbody>
            <c:forEach var="node" items="${nodes}">
              <tr class="node" data-node="${node.name()}">
                <td class="node-name" data-label="Node"><c:out value="${node.name()}"/><c:if test="${node.self()}"> (this one)</c:if></td>
                <td class="node-state" data-label="State">${node.live() ? 'live' : 'not reporting'}</td>
                <td class="node-wikis" data-label="Wikis">${node.wikis()}</td>
                <td data-label="Free disk">${node.freeSpace()}</td>
                <td data-label="Last report"><time datetime="${node.seenAt()}">${node.seenAt()}</time></td>
                <td data-label="Address"><code><c:out value="${node.url()}"/></code></td>
              </tr>
            </c:forEach>
            </tbody>
          </table>
        </div>
      </c:otherwise>
    </c:choose>
  </section>

  <section id="move-section" class="admin-section">
    <h2>Move a wiki</h2>
    <p>The wiki stays readable while it moves; changes to it are refused with a clear message for the few seconds the
      copy takes, never lost. The old copy is removed after <code>moveGraceSeconds</code>.</p>
    <form method="post" action="${ctx}/admin/nodes" id="move-form">
      <input type="hidden" name="csrf" value="${csrf}">
      <label for="move-wiki">Wiki (owner/slug)</label>
      <input type="text" id="move-wiki" name="wiki" required placeholder="alice/notes" value="${typedWiki}">
      <label for="move-to">To node</label>
      <select id="move-to" name="to" required>
        <c:forEach var="node" items="${nodes}">
          <c:choose>
            <c:when test="${node.name() == typedTo}"><option value="${node.name()}" selected><c:out value="${node.name()}"/></option></c:when>
            <c:otherwise><option value="${node.name()}"><c:out value="${node.name()}"/></option></c:otherwise>
          </c:choose>
        </c:forEach>
      </select>
      <button type="submit" id="move-submit">Move</button>
    </form>
  </section>
</w:layout>
