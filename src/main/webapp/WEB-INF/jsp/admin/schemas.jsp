<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<c:set var="ctx" value="${pageContext.request.contextPath}"/>
<w:layout title="Schemas">
  <jsp:attribute name="scripts">
    <script src="${ctx}/static/schemas.js"></script>
  </jsp:attribute>
  <jsp:body>
    <p><a href="${ctx}/admin" id="back-to-admin">Platform admin</a></p>
    <h1>Wiki schemas</h1>
    <c:if test="${not empty problem}"><p class="problem" id="form-problem" role="alert"><c:out value="${problem}"/></p></c:if>
    <c:if test="${done}"><p class="notice" id="admin-done" role="status">The wiki is migrated.</p></c:if>
    <p>This version of Wikifarm uses schema version <strong id="current-version">${currentVersion}</strong> for each
      wiki's database. <c:choose>
        <c:when test="${adminMigrations}">Migrations are <strong id="migrations-mode">admin</strong>: a wiki with an older
          schema is not migrated by a visit — its readers are told it is being upgraded — until you migrate it here.</c:when>
        <c:otherwise>Migrations are <strong id="migrations-mode">lazy</strong>: a wiki is migrated when it is first
          opened; you may also migrate it here.</c:otherwise>
      </c:choose> Each database is copied aside before it is migrated and put back if the migration fails.</p>
    <section id="migrate-all-section" class="admin-section">
      <div id="migrate-progress" data-running="${progress.running()}">
        <c:if test="${progress.startedAt() != null}">
          <p id="progress-line"><c:choose><c:when test="${progress.running()}">Migrating:</c:when><c:otherwise>Last run:</c:otherwise></c:choose>
            <span id="progress-done">${progress.done()}</span> of <span id="progress-total">${progress.total()}</span>
            (<span id="progress-migrated">${progress.migrated()}</span> migrated,
            <span id="progress-failed">${progress.failures().size()}</span> failed).</p>
          <progress value="${progress.done()}" max="${progress.total() == 0 ? 1 : progress.total()}"></progress>
          <c:if test="${not empty progress.failures()}">
            <ul id="progress-failures">
              <c:forEach var="failure" items="${progress.failures()}">
                <li><code><c:out value="${failure.wiki()}"/></code>: <c:out value="${failure.reason()}"/></li>
              </c:forEach>
            </ul>
          </c:if>
        </c:if>
      </div>
      <form method="post" action="${ctx}/admin/schemas/migrate-all" id="migrate-all-form">
        <input type="hidden" name="csrf" value="${csrf}">
        <button type="submit" id="migrate-all-submit" <c:if test="${progress.running() || olderCount == 0}">disabled</c:if>>Migrate all older wikis (${olderCount})</button>
      </form>
    </section>
    <div class="overflow-auto">
      <table id="schemas" class="striped stack">
        <thead><tr><th>Wiki</th><th>Schema</th><th></th></tr></thead>
        <tbody>
        <c:forEach var="line" items="${lines}">
          <tr class="schema" id="schema-${line.schema().id().value()}">
            <td data-label="Wiki"><c:choose>
              <c:when test="${line.url() != null}"><a href="<c:out value='${line.url()}'/>/"><c:out value="${line.schema().wiki().get().owner().value()}/${line.schema().wiki().get().slug().value()}"/></a></c:when>
              <c:otherwise><code><c:out value="${line.schema().id().value()}"/></code></c:otherwise>
            </c:choose></td>
            <td data-label="Schema" class="schema-version"><c:choose>
              <c:when test="${not empty line.schema().problem()}">unreadable: <c:out value="${line.schema().problem()}"/></c:when>
              <c:when test="${line.schema().newer()}">${line.schema().version()} (newer than this Wikifarm: refused)</c:when>
              <c:when test="${line.schema().older()}">${line.schema().version()} (older)</c:when>
              <c:otherwise>${line.schema().version()}</c:otherwise>
            </c:choose></td>
            <td class="row-actions"><c:if test="${line.schema().older()}">
              <form method="post" action="${ctx}/admin/schemas/migrate" class="migrate-form inline-form">
                <input type="hidden" name="csrf" value="${csrf}">
                <input type="hidden" name="id" value="${line.schema().id().value()}">
                <button type="submit" class="migrate-submit secondary">Migrate</button>
              </form>
            </c:if></td>
          </tr>
        </c:forEach>
        <c:if test="${empty lines}"><tr><td colspan="3" id="no-wikis">There are no wikis.</td></tr></c:if>
        </tbody>
      </table>
    </div>
  </jsp:body>
</w:layout>
