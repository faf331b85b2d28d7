<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="f" uri="https://wikifarm.org/functions" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<w:layout title="Conflict on ${path.name()}">
  <section id="conflict">
    <h1>Someone else changed <c:out value="${path.value()}"/></h1>
    <p class="problem" role="alert">
      <c:choose>
        <c:when test="${empty current}">The page was deleted while you were editing it. Saving will create it again.</c:when>
        <c:otherwise><c:out value="${current.author()}"/> saved a newer version on <time datetime="${current.date()}">${current.date()}</time>.
          Nothing was overwritten: merge their changes into yours below and save again.</c:otherwise>
      </c:choose>
    </p>
    <div class="grid conflict-grid">
      <div>
        <h2>Their version (current)</h2>
        <pre id="current-content" class="readonly"><c:if test="${not empty current}"><c:out value="${current.content()}"/></c:if></pre>
      </div>
      <div>
        <h2>What changes between theirs and yours</h2>
        <div id="conflict-diff" class="diff inline">
          <c:forEach var="line" items="${diff.lines}">
            <div class="diff-line diff-${line.kind()}"><c:out value="${line.text()}"/></div>
          </c:forEach>
        </div>
      </div>
    </div>
    <form method="post" action="${base}/-/edit/${f:path(path.value())}" id="merge-form">
      <input type="hidden" name="csrf" value="${csrf}">
      <input type="hidden" name="revision" value="${empty current ? '' : current.revision()}">
      <label for="merge-content"><strong>Your version</strong> — edit it into the merged text:</label>
      <textarea name="content" id="merge-content" rows="18"><c:out value="${content}"/></textarea>
      <label>What did you change?
        <input name="message" id="message" maxlength="500" value="<c:out value='${message}'/>">
      </label>
      <button type="submit" id="save-button">Save the merged version</button>
    </form>
  </section>
</w:layout>
