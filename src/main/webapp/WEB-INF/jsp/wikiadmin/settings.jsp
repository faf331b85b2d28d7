<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="fn" uri="jakarta.tags.functions" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<c:set var="current" value="settings"/>
<w:layout title="Settings">
  <jsp:attribute name="scripts">
    <script src="${pageContext.request.contextPath}/static/wikiadmin.js"></script>
  </jsp:attribute>
  <jsp:body>
    <h1>Settings</h1>
    <%@ include file="tabs.jspf" %>
    <c:if test="${done == 'saved'}"><p class="notice" id="settings-saved" role="status">The settings are saved.</p></c:if>
    <form method="post" action="${base}/-/settings" id="settings-form" class="admin-form">
      <input type="hidden" name="csrf" value="${csrf}">
      <label>Display name
        <input name="display_name" id="display_name" required maxlength="100" value="<c:out value='${settings.displayName()}'/>">
      </label>
      <label>
        <input type="checkbox" name="is_public" id="is_public" role="switch" <c:if test="${settings.isPublic()}">checked</c:if>>
        Public: anyone may read it, without signing in
      </label>
      <fieldset class="access-levels">
        <legend>Who may…</legend>
        <div class="grid">
          <label>read pages
            <select name="read_access" id="read_access">
              <c:forEach var="level" items="${accessLevels}">
                <option value="${level.value()}" <c:if test="${settings.readAccess().name() == level.value()}">selected</c:if>><c:out value="${level.label()}"/></option>
              </c:forEach>
            </select>
          </label>
          <label>edit pages
            <select name="write_access" id="write_access">
              <c:forEach var="level" items="${accessLevels}">
                <option value="${level.value()}" <c:if test="${settings.writeAccess().name() == level.value()}">selected</c:if>><c:out value="${level.label()}"/></option>
              </c:forEach>
            </select>
          </label>
          <label>upload attachments
            <select name="attachment_access" id="attachment_access">
              <c:forEach var="level" items="${accessLevels}">
                <option value="${level.value()}" <c:if test="${settings.attachmentAccess().name() == level.value()}">selected</c:if>><c:out value="${level.label()}"/></option>
              </c:forEach>
            </select>
          </label>
        </div>
        <small>Members are the people on the <a href="${base}/-/members">Members</a> tab; their role applies whatever is chosen here.</small>
      </fieldset>
      <label>Wiki links with a label
        <select name="wiki_link_order" id="wiki_link_order">
          <option value="page_first" <c:if test="${settings.wikiLinkOrder() == 'page_first'}">selected</c:if>>[[Page|Label]]</option>
          <option value="label_first" <c:if test="${settings.wikiLinkOrder() == 'label_first'}">selected</c:if>>[[Label|Page]] (as An Otter Wiki writes them)</option>
        </select>
        <small>Changing it reads every page's links anew: backlinks and search follow in a moment.</small>
      </label>
      <button type="submit" id="settings-submit">Save settings</button>
    </form>
    <article class="narrow-card" id="git-clone">
      <h2>Clone with git</h2>
      <p>Every page is a file in this wiki's git repository. Clone it, edit the <code>.md</code> files and push to
        <code>main</code>: sign in with your username and password, or a token of this wiki as the password.</p>
      <div role="group">
        <input id="clone-url" readonly value="<c:out value='${cloneUrl}'/>" aria-label="Clone URL">
        <button type="button" class="secondary" data-copy="clone-url">Copy</button>
      </div>
    </article>
    <section class="payment admin-section" id="payment-section">
      <h2>Subscription</h2>
      <p>Payment status: <strong id="payment-status" class="status status-${settings.paymentStatus()}"><c:out value="${settings.paymentStatus()}"/></strong></p>
      <c:if test="${settings.paymentStatus() == 'lapsed'}">
        <p class="problem" id="payment-lapsed">The subscription has lapsed: the wiki is read-only for everyone until it is renewed.</p>
      </c:if>
      <p><small>Only the platform's administrators change the payment status.</small></p>
    </section>
    <section class="usage admin-section" id="usage-section">
      <h2>Usage</h2>
      <p>
        <label for="usage-bar">Disk: <span id="usage-bytes">${usage.diskUsage()}</span> of <span id="usage-limit">${usage.bytesLimit()}</span></label>
        <c:choose>
          <c:when test="${usage.limits().unlimitedBytes()}"><meter id="usage-bar" min="0" max="1" value="0">unlimited</meter></c:when>
          <c:otherwise><meter id="usage-bar" min="0" max="${usage.limits().bytes()}" high="${usage.limits().bytes() * 9 / 10}" optimum="0" value="${usage.diskUsageBytes()}">${usage.bytesPercent()}%</meter></c:otherwise>
        </c:choose>
      </p>
      <p id="usage-pages">Pages: ${usage.pages()} of ${usage.limits().unlimitedPages() ? 'unlimited' : usage.limits().pages()}; attachments: ${usage.attachments()}</p>
      <p><small>Measured <c:choose><c:when test="${empty usage.measuredAt()}">not yet</c:when><c:otherwise><time datetime="${usage.measuredAt()}">${usage.measuredAt()}</time></c:otherwise></c:choose>; a write that would go over a limit is refused. Only the platform's administrators change the limits.</small></p>
    </section>
    <section class="search-status admin-section" id="search-status">
      <h2>Search index</h2>
      <c:set var="reindexFrom" value="settings"/>
      <%@ include file="../search/status.jspf" %>
    </section>
  </jsp:body>
</w:layout>
