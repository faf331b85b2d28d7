<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<w:layout title="Log in">
  <article class="narrow">
    <h1>Log in</h1>
    <c:if test="${not empty problem}"><p class="problem" id="form-problem" role="alert"><c:out value="${problem}"/></p></c:if>
    <form method="post" action="${pageContext.request.contextPath}/login" id="login-form">
      <input type="hidden" name="csrf" value="${csrf}">
      <c:if test="${not empty next}"><input type="hidden" name="next" value="<c:out value='${next}'/>"></c:if>
      <c:if test="${not empty handoff}"><input type="hidden" name="handoff" value="<c:out value='${handoff}'/>"></c:if>
      <label>Username
        <input name="username" id="username" required autocomplete="username" value="<c:out value='${username}'/>">
      </label>
      <label>Password
        <input type="password" name="password" id="password" required autocomplete="current-password">
      </label>
      <button type="submit" id="login-submit">Log in</button>
    </form>
    <p>New here? <a href="${pageContext.request.contextPath}/signup">Create an account</a>.</p>
  </article>
</w:layout>
