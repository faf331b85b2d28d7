<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<w:layout title="Sign up">
  <article class="narrow">
    <h1>Create your account</h1>
    <c:if test="${not empty problem}"><p class="problem" id="form-problem" role="alert"><c:out value="${problem}"/></p></c:if>
    <form method="post" action="${pageContext.request.contextPath}/signup" id="signup-form">
      <input type="hidden" name="csrf" value="${csrf}">
      <c:if test="${not empty next}"><input type="hidden" name="next" value="<c:out value='${next}'/>"></c:if>
      <c:if test="${not empty handoff}"><input type="hidden" name="handoff" value="<c:out value='${handoff}'/>"></c:if>
      <label>Username
        <input name="username" id="username" required minlength="3" maxlength="30" autocomplete="username"
               value="<c:out value='${username}'/>">
        <small>3–30 lowercase letters, digits and hyphens.</small>
      </label>
      <label>Password
        <input type="password" name="password" id="password" required minlength="8" autocomplete="new-password">
        <small>At least 8 characters.</small>
      </label>
      <label>Email (optional)
        <input type="email" name="email" id="email" autocomplete="email" value="<c:out value='${email}'/>">
      </label>
      <button type="submit" id="signup-submit">Sign up</button>
    </form>
    <p>Already have an account? <a href="${pageContext.request.contextPath}/login">Log in</a>.</p>
  </article>
</w:layout>
