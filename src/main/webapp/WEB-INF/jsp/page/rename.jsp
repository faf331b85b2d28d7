<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="f" uri="https://wikifarm.org/functions" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<w:layout title="Rename ${path.name()}">
  <article class="narrow">
    <h1>Rename <c:out value="${path.value()}"/></h1>
    <form method="post" action="${base}/-/rename/${f:path(path.value())}" id="rename-form">
      <input type="hidden" name="csrf" value="${csrf}">
      <label>New name (use / for folders)
        <c:choose>
          <c:when test="${not empty problem}">
            <input name="new_path" id="new_path" required value="<c:out value='${newPath}'/>" aria-invalid="true"
                   aria-describedby="rename-problem">
            <small id="rename-problem" class="problem" role="alert"><c:out value="${problem}"/></small>
          </c:when>
          <c:otherwise>
            <input name="new_path" id="new_path" required value="<c:out value='${newPath}'/>">
          </c:otherwise>
        </c:choose>
      </label>
      <label>Why? (optional)
        <input name="message" id="message" maxlength="500" value="<c:out value='${message}'/>">
      </label>
      <label>
        <input type="checkbox" name="relink" id="relink" value="1" <c:if test="${relink}">checked</c:if>>
        Also update links to this page in every page of the wiki
      </label>
      <p><small>The page keeps its history. Updated links are part of the same change.</small></p>
      <button type="submit" id="rename-submit">Rename</button>
    </form>
  </article>
</w:layout>
