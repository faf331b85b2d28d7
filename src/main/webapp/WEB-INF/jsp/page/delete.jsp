<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="f" uri="https://wikifarm.org/functions" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<w:layout title="Delete ${path.name()}">
  <article class="narrow">
    <h1>Delete <c:out value="${path.value()}"/>?</h1>
    <p>The page disappears from the wiki. Its history stays, and it can be brought back by reverting the deletion
      in the <a href="${base}/-/changelog">changes</a>.</p>
    <form method="post" action="${base}/-/delete/${f:path(path.value())}" id="delete-form">
      <input type="hidden" name="csrf" value="${csrf}">
      <input type="hidden" name="revision" value="${page.revision()}">
      <input type="hidden" name="confirmation" value="${confirmation}">
      <div role="group">
        <button type="submit" id="delete-confirm" class="contrast">Delete the page</button>
        <a href="${base}${f:page(tenant, path.value())}" role="button" class="secondary outline">Keep it</a>
      </div>
    </form>
  </article>
</w:layout>
