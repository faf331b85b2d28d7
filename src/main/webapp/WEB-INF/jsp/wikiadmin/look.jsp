<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<c:set var="current" value="look"/>
<w:layout title="Look">
  <h1>Look</h1>
  <%@ include file="tabs.jspf" %>
  <c:if test="${done == 'look-saved'}"><p class="notice" id="look-saved" role="status">The look is saved.</p></c:if>
  <form method="post" action="${base}/-/look" id="look-form">
    <input type="hidden" name="csrf" value="${csrf}">
    <label for="home_page">Home page</label>
    <input name="home_page" id="home_page" value="${homePage}" maxlength="400" placeholder="Home" aria-describedby="home-help">
    <small id="home-help">The page the wiki's address opens.</small>

    <label for="menu">Menu</label>
    <textarea name="menu" id="menu" rows="6" placeholder="Start here | Home&#10;Handbook | guides/Handbook&#10;Our site | https://example.org" aria-describedby="menu-help">${menuText}</textarea>
    <small id="menu-help">Shown above the list of pages: one link per line, <code>Label | page name</code> or <code>Label | https://address</code>; at most ${maxMenuLinks} links.</small>

    <label for="css">Extra CSS</label>
    <textarea name="css" id="css" rows="10" class="code-input" spellcheck="false" aria-describedby="css-help">${cssText}</textarea>
    <small id="css-help">Added after the wiki's own styles, at most ${maxCssKb} KB. It may not load anything from elsewhere (<code>@import</code>, <code>url()</code> of another site) or use backslash escapes.</small>

    <button type="submit" id="look-submit">Save the look</button>
  </form>
</w:layout>
