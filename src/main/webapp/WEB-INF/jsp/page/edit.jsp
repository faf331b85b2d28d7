<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="f" uri="https://wikifarm.org/functions" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<w:layout title="${empty revision ? 'Create ' : 'Edit '}${path.name()}">
  <jsp:attribute name="scripts">
    <script src="${pageContext.request.contextPath}/webjars/easymde/2.18.0/dist/easymde.min.js"></script>
    <script src="${pageContext.request.contextPath}/static/editor.js"></script>
  </jsp:attribute>
  <jsp:body>
    <link rel="stylesheet" href="${pageContext.request.contextPath}/webjars/easymde/2.18.0/dist/easymde.min.css">
    <link rel="stylesheet" href="${pageContext.request.contextPath}/webjars/font-awesome/4.7.0/css/font-awesome.min.css">
    <h1>${empty revision ? 'Create' : 'Edit'} <c:out value="${path.value()}"/></h1>
    <c:if test="${not empty draft}">
      <div class="notice" id="draft-offer" data-draft-url="${base}/-/draft/${f:path(path.value())}">
        You have an unsaved draft from <time datetime="${draft.datetime()}">${draft.datetime()}</time>.
        <button type="button" id="draft-restore" class="outline">Restore it</button>
        <button type="button" id="draft-discard" class="outline secondary">Discard it</button>
        <template id="draft-content"><c:out value="${draft.content()}"/></template>
      </div>
    </c:if>
    <c:if test="${not empty problem}">
      <p class="problem" id="save-problem" role="alert">${problem} Your text is still here.</p>
    </c:if>
    <p class="problem" id="too-large" role="alert" hidden>This text is too large to save here (more than
      <span id="max-form-size"></span>). Nothing is lost: it stays in the editor; save a shorter version, or split the
      page.</p>
    <form method="post" action="${base}/-/edit/${f:path(path.value())}" id="edit-form" data-max-bytes="${maxFormBytes}"
          data-preview-url="${base}/-/preview/${f:path(path.value())}" data-upload-url="${base}/-/attachments/${f:path(path.value())}" data-draft-url='<c:if test="${not caller.anonymous()}">${base}/-/draft/${f:path(path.value())}</c:if>'>
      <input type="hidden" name="csrf" value="${csrf}">
      <input type="hidden" name="revision" value="${revision}">
      <textarea name="content" id="content" rows="20"><c:out value="${content}"/></textarea>
      <label>What did you change?
        <input name="message" id="message" maxlength="500" value="${message}"
               placeholder="${empty revision ? 'Create ' : 'Update '}${path.value()}">
      </label>
      <div role="group">
        <button type="submit" id="save-button">Save</button>
        <a href="${base}${empty revision ? '/' : f:page(tenant, path.value())}" role="button" class="secondary outline" id="cancel-link">Cancel</a>
      </div>
      <small id="draft-status" aria-live="polite"></small>
    </form>
  </jsp:body>
</w:layout>
