<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="f" uri="https://wikifarm.org/functions" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<w:layout title="Files of ${path.name()}" sidebar="${true}">
  <div class="page-head">
    <h1>Files of <a href="${base}${f:page(tenant, path.value())}" id="page-link"><c:out value="${path.value()}"/></a></h1>
  </div>
  <c:choose>
    <c:when test="${empty files}">
      <p id="no-files">This page has no files yet.</p>
    </c:when>
    <c:otherwise>
      <div class="overflow-auto">
      <table id="attachments" class="striped">
        <thead><tr><th></th><th>File</th><th>Size</th><th>In a page</th><th></th></tr></thead>
        <tbody>
        <c:forEach var="file" items="${files}">
          <tr class="attachment">
            <td><c:if test="${file.image}"><img class="thumbnail" src="${base}/-/file/${f:path(path.value())}/${file.encoded}?thumb=64" alt="" loading="lazy"></c:if></td>
            <td><a class="file-link" href="${base}/-/file/${f:path(path.value())}/${file.encoded}"><c:out value="${file.name}"/></a></td>
            <td><c:out value="${file.size}"/></td>
            <td><code class="file-markdown"><c:out value="${file.markdown}"/></code></td>
            <td>
              <c:if test="${canUpload}">
                <form method="post" action="${base}/-/attachments/${f:path(path.value())}" class="rename-file-form inline-form">
                  <input type="hidden" name="csrf" value="${csrf}">
                  <input type="hidden" name="action" value="rename">
                  <input type="hidden" name="name" value="${file.name}">
                  <input name="new_name" value="${file.name}" aria-label="New name" maxlength="255" required>
                  <button type="submit" class="outline secondary">Rename</button>
                </form>
                <form method="post" action="${base}/-/attachments/${f:path(path.value())}" class="delete-file-form inline-form">
                  <input type="hidden" name="csrf" value="${csrf}">
                  <input type="hidden" name="action" value="delete">
                  <input type="hidden" name="name" value="${file.name}">
                  <button type="submit" class="outline secondary">Delete</button>
                </form>
              </c:if>
            </td>
          </tr>
        </c:forEach>
        </tbody>
      </table>
      </div>
    </c:otherwise>
  </c:choose>
  <c:if test="${canUpload}">
    <h2>Upload</h2>
    <form method="post" action="${base}/-/attachments/${f:path(path.value())}" enctype="multipart/form-data" id="upload-form">
      <input type="hidden" name="csrf" value="${csrf}">
      <label>Files (up to ${maxFiles} at once, ${maxFileSize} each)
        <input type="file" name="file" id="upload-files" multiple required>
      </label>
      <label>What are they for?
        <input name="message" maxlength="500" placeholder="Attach files to ${path.value()}">
      </label>
      <button type="submit" id="upload-button">Upload</button>
    </form>
    <p><small>In the page, <code>![](diagram.png)</code> shows an image, <code>![](diagram.png?thumb=200)</code> a
      thumbnail 200 pixels wide, and <code>[the data](data.csv)</code> links a file. You can also drop or paste images
      into the editor.</small></p>
  </c:if>
</w:layout>
