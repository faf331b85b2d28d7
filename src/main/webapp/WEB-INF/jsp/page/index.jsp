<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="f" uri="https://wikifarm.org/functions" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<w:layout title="All pages" sidebar="${false}">
  <h1>All pages <small>(${count})</small></h1>
  <c:if test="${canWrite}">
    <form method="get" action="${base}/-/new" class="inline-form" id="new-page-form" role="search">
      <input name="path" id="new-page-path" placeholder="New page name, e.g. projects/plan" required aria-label="New page name">
      <button type="submit" id="new-page-button">Create page</button>
    </form>
  </c:if>
  <div id="page-index">
    <nav class="letters"><c:forEach var="group" items="${letters}"><a href="#letter-${group.key}">${group.key}</a> </c:forEach></nav>
    <c:forEach var="group" items="${letters}">
      <section id="letter-${group.key}">
        <h2>${group.key}</h2>
        <ul>
          <c:forEach var="page" items="${group.value}">
            <li><a href="${base}/${f:path(page.value())}"><c:out value="${page.value()}"/></a></li>
          </c:forEach>
        </ul>
      </section>
    </c:forEach>
    <h2>Folders</h2>
    ${f:tree(tree, base, path)}
  </div>
</w:layout>
