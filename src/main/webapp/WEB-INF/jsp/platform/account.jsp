<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
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
  <section id="password-section" class="narrow-card">
    <h2>Change your password</h2>
    <c:if test="${passwordChanged}"><p class="notice" id="password-changed" role="status">Your password is changed. Wherever else you were signed in with the old one, you are signed out.</p></c:if>
    <c:if test="${not empty passwordProblem}"><p class="problem" id="password-problem" role="alert"><c:out value="${passwordProblem}"/></p></c:if>
    <form method="post" action="${pageContext.request.contextPath}/account" id="password-form">
      <input type="hidden" name="csrf" value="${csrf}">
      <label>Current password
        <input type="password" name="current_password" id="current_password" required autocomplete="current-password">
      </label>
      <label>New password
        <input type="password" name="new_password" id="new_password" required minlength="8" autocomplete="new-password">
        <small>At least 8 characters.</small>
      </label>
      <button type="submit" id="password-submit">Change password</button>
    </form>
  </section>
  <h2>Your wikis</h2>
  <ul class="wiki-list">
    <c:forEach var="link" items="${mine}">
      <li><a href="${link.url()}/"><c:out value="${link.wiki().displayName()}"/></a></li>
    </c:forEach>
  </ul>
</w:layout>
