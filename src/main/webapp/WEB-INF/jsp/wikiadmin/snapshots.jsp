<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<c:set var="current" value="snapshots"/>
<w:layout title="Snapshots">
  <jsp:body>
    <h1>Snapshots</h1>
    <%@ include file="tabs.jspf" %>
    <p>A snapshot keeps the whole wiki as it is now — every page with its history, and the wiki's own database — in
      this wiki's folder, while the wiki stays online. Restore one to take the wiki back to it, or make a new wiki from
      it. Snapshots count toward the wiki's disk usage.</p>
    <c:if test="${done == 'taken'}"><p class="notice" id="snapshots-done" role="status">The snapshot is taken.</p></c:if>
    <c:if test="${done == 'restored'}"><p class="notice" id="snapshots-done" role="status">The wiki is restored to the snapshot; its search index is being rebuilt.</p></c:if>
    <c:if test="${done == 'deleted'}"><p class="notice" id="snapshots-done" role="status">The snapshot is deleted.</p></c:if>
    <form method="post" action="${base}/-/snapshots" id="take-snapshot-form">
      <input type="hidden" name="csrf" value="${csrf}">
      <input type="hidden" name="action" value="take">
      <button type="submit" id="take-snapshot">Take a snapshot now</button>
    </form>
    <div class="overflow-auto">
      <table id="snapshots" class="striped stack">
        <thead><tr><th>Taken</th><th>Commit</th><th>Schema</th><th>Size</th><th></th></tr></thead>
        <tbody>
        <c:forEach var="snapshot" items="${snapshots}">
          <tr class="snapshot" id="snapshot-${snapshot.id()}">
            <c:choose>
              <c:when test="${snapshot.damaged()}">
                <td data-label="Taken"><c:out value="${snapshot.id()}"/></td>
                <td colspan="3" class="problem">Damaged: its manifest cannot be read. It cannot be restored.</td>
              </c:when>
              <c:otherwise>
                <td data-label="Taken"><time datetime="${snapshot.manifest().createdAt()}">${snapshot.manifest().createdAt()}</time></td>
                <td data-label="Commit"><code><c:out value="${empty snapshot.manifest().commit() ? 'none' : snapshot.manifest().commit().substring(0, 10)}"/></code></td>
                <td data-label="Schema">${snapshot.manifest().schemaVersion()}</td>
                <td data-label="Size"><span title="${snapshot.manifest().bytes()} bytes">${snapshot.size()}</span></td>
              </c:otherwise>
            </c:choose>
            <td class="row-actions">
              <c:if test="${not snapshot.damaged()}">
                <a href="${base}/api/v1/snapshots/${snapshot.id()}/download" class="download-snapshot" role="button" download>Download</a>
                <form method="post" action="${base}/-/snapshots" class="restore-snapshot-form inline-form">
                  <input type="hidden" name="csrf" value="${csrf}">
                  <input type="hidden" name="action" value="restore">
                  <input type="hidden" name="id" value="${snapshot.id()}">
                  <button type="submit" class="restore-snapshot secondary">Restore</button>
                </form>
              </c:if>
              <form method="post" action="${base}/-/snapshots" class="delete-snapshot-form inline-form">
                <input type="hidden" name="csrf" value="${csrf}">
                <input type="hidden" name="action" value="delete">
                <input type="hidden" name="id" value="${snapshot.id()}">
                <button type="submit" class="delete-snapshot outline secondary">Delete</button>
              </form>
            </td>
          </tr>
        </c:forEach>
        <c:if test="${empty snapshots}"><tr><td colspan="5" id="no-snapshots">This wiki has no snapshots yet.</td></tr></c:if>
        </tbody>
      </table>
    </div>
    <c:if test="${not empty snapshots}">
      <article class="narrow-card">
        <h2>Restore as a new wiki</h2>
        <p>Makes a new private wiki of yours from a snapshot; this wiki stays as it is.</p>
        <form method="post" action="${base}/-/snapshots" id="copy-snapshot-form">
          <input type="hidden" name="csrf" value="${csrf}">
          <input type="hidden" name="action" value="copy">
          <label>Snapshot
            <select name="id" id="copy-snapshot-id">
              <c:forEach var="snapshot" items="${snapshots}">
                <c:if test="${not snapshot.damaged()}">
                  <option value="${snapshot.id()}" <c:if test="${failedId == snapshot.id()}">selected</c:if>><c:out value="${snapshot.id()}"/></option>
                </c:if>
              </c:forEach>
            </select>
          </label>
          <div class="grid">
            <label>Name of the new wiki
              <input name="slug" id="copy-slug" required maxlength="64" autocomplete="off" value="<c:out value='${typedSlug}'/>">
            </label>
            <label>Display name (optional)
              <input name="name" id="copy-name" maxlength="100" autocomplete="off" value="<c:out value='${typedName}'/>">
            </label>
          </div>
          <button type="submit" id="copy-submit">Make the new wiki</button>
        </form>
      </article>
    </c:if>
  </jsp:body>
</w:layout>
