<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<w:layout title="Your account">
  <h1>Your account</h1>
  <table>
    <tr><th scope="row">Username</th><td id="account-username"><c:out value="${caller.user().username().value()}"/></td></tr>
    <tr><th scope="row">Display name</th><td><c:out value="${caller.user().shownName()}"/></td></tr>
    <tr><th scope="row">Email</th><td><c:out value="${caller.user().email()}" default="—"/></td></tr>
    <tr><th scope="row">Platform admin</th><td>${caller.user().admin() ? 'yes' : 'no'}</td></tr>
  </table>
  <h2>Your wikis</h2>
  <ul class="wiki-list">
    <c:forEach var="link" items="${mine}">
      <li><a href="${link.url()}/"><c:out value="${link.wiki().displayName()}"/></a></li>
    </c:forEach>
  </ul>
</w:layout>
