<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<w:layout title="Home">
  <c:choose>
    <c:when test="${caller.anonymous()}">
      <hgroup>
        <h1>Wikifarm</h1>
        <p>Independent wikis, each with its own history. <a href="${pageContext.request.contextPath}/signup">Sign up</a> to start one.</p>
      </hgroup>
    </c:when>
    <c:otherwise>
      <h1>Your wikis</h1>
      <c:choose>
        <c:when test="${empty mine}"><p>You have no wikis yet.</p></c:when>
        <c:otherwise>
          <ul class="wiki-list" id="my-wikis">
            <c:forEach var="link" items="${mine}">
              <li><a href="${link.url()}/"><c:out value="${link.wiki().displayName()}"/></a>
                <small><c:out value="${link.wiki().owner().value()}/${link.wiki().slug().value()}"/> · ${link.wiki().pageCount()} pages</small></li>
            </c:forEach>
          </ul>
        </c:otherwise>
      </c:choose>
      <%@ include file="create-wiki.jspf" %>
    </c:otherwise>
  </c:choose>
  <h2>${caller.anonymous() ? 'Public wikis' : 'Other wikis you may read'}</h2>
  <c:choose>
    <c:when test="${empty readableWikis}"><p>${caller.anonymous() ? 'No public wikis yet.' : 'None yet.'}</p></c:when>
    <c:otherwise>
      <ul class="wiki-list" id="readable-wikis">
        <c:forEach var="link" items="${readableWikis}">
          <li><a href="${link.url()}/"><c:out value="${link.wiki().displayName()}"/></a>
            <small>by <c:out value="${link.wiki().owner().value()}"/> · ${link.wiki().pageCount()} pages</small></li>
        </c:forEach>
      </ul>
    </c:otherwise>
  </c:choose>
</w:layout>
