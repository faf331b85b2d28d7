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
        <input name="new_path" id="new_path" required value="<c:out value='${path.value()}'/>">
      </label>
      <label>Why? (optional)
        <input name="message" id="message" maxlength="500">
      </label>
      <p><small>The page keeps its history. Links from other pages are not changed.</small></p>
      <button type="submit" id="rename-submit">Rename</button>
    </form>
  </article>
</w:layout>
