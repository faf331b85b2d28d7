<%@ tag description="Nested folders and pages (recursive)" pageEncoding="UTF-8" %>
<%@ attribute name="nodes" required="true" type="java.util.List" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<%@ taglib prefix="fn" uri="jakarta.tags.functions" %>
<%@ taglib prefix="f" uri="https://wikifarm.org/functions" %>
<ul class="tree">
  <c:forEach var="node" items="${nodes}">
    <li>
      <c:choose>
        <c:when test="${node.isFolder()}">
          <details ${path != null && fn:startsWith(path.value(), node.fullName().concat('/')) ? 'open' : ''}>
            <summary>
              <c:choose>
                <c:when test="${node.path() != null}"><a href="${base}/${f:path(node.path())}"><c:out value="${node.name()}"/></a></c:when>
                <c:otherwise><c:out value="${node.name()}"/></c:otherwise>
              </c:choose>
            </summary>
            <w:tree nodes="${node.children()}"/>
          </details>
        </c:when>
        <c:otherwise>
          <a href="${base}/${f:path(node.path())}" ${path != null && path.value() == node.path() ? 'aria-current="page"' : ''}><c:out value="${node.name()}"/></a>
        </c:otherwise>
      </c:choose>
    </li>
  </c:forEach>
</ul>
