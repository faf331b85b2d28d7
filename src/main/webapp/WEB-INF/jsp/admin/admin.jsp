<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%@ taglib prefix="w" tagdir="/WEB-INF/tags" %>
<c:set var="ctx" value="${pageContext.request.contextPath}"/>
<w:layout title="Platform admin">
  <h1>Platform admin</h1>
  <p><a href="${ctx}/admin/open-wikis" id="open-wikis-link">Open wikis</a>: what this server holds open, and closing idle wikis.</p>
  <p><a href="${ctx}/admin/nodes" id="nodes-link">Nodes</a>: the servers of the farm, the wikis each holds, and moving a wiki to another.</p>
  <p><a href="${ctx}/admin/schemas" id="schemas-link">Wiki schemas</a>: each wiki's database schema version, and migrating older ones.</p>
  <c:if test="${not empty problem}"><p class="problem" id="form-problem" role="alert"><c:out value="${problem}"/></p></c:if>
  <c:if test="${not empty done}">
    <p class="notice" id="admin-done" role="status">
      <c:choose>
        <c:when test="${done == 'user'}">The user is changed.</c:when>
        <c:when test="${done == 'payment'}">The payment status is changed.</c:when>
        <c:when test="${done == 'limits'}">The wiki's limits are changed.</c:when>
        <c:when test="${done == 'signup'}">Sign-up is now ${signupOpen ? 'open' : 'closed'}.</c:when>
        <c:when test="${done == 'default-wiki'}">${empty defaultWiki ? 'There is no default wiki now.' : 'The default wiki is now '.concat(defaultWiki).concat('.')}</c:when>
      </c:choose>
    </p>
  </c:if>

  <section id="signup-section" class="admin-section">
    <h2>Sign-up</h2>
    <form method="post" action="${ctx}/admin/signup" id="signup-switch-form" class="switch-form">
      <input type="hidden" name="csrf" value="${csrf}">
      <label>
        <input type="checkbox" name="signup_enabled" id="signup_enabled" role="switch" <c:if test="${signupOpen}">checked</c:if>>
        Anyone may create an account
      </label>
      <button type="submit" id="signup-switch-submit" class="outline">Save</button>
    </form>
    <small>While sign-up is closed, only administrators can add accounts.</small>
  </section>

  <section id="default-wiki-section" class="admin-section">
    <h2>Default wiki</h2>
    <form method="post" action="${ctx}/admin/default-wiki" id="default-wiki-form" class="grid">
      <input type="hidden" name="csrf" value="${csrf}">
      <input name="wiki" id="default-wiki" value="${defaultWiki}" maxlength="80" placeholder="owner/name"
             aria-label="Default wiki (owner/name)" aria-describedby="default-wiki-help">
      <button type="submit" id="default-wiki-submit" class="outline">Save</button>
    </form>
    <small id="default-wiki-help">Where the site's address takes visitors who have used no wiki yet, if they may read it
      (kept in data/instance/selector.json). Leave empty for the list of wikis.</small>
  </section>

  <section id="users-section" class="admin-section">
    <h2>Users</h2>
    <div class="overflow-auto">
      <table id="admin-users" class="striped stack">
        <thead><tr><th>Username</th><th>Email</th><th>Admin</th><th>Disabled</th><th>Created</th><th>Change</th></tr></thead>
        <tbody>
        <c:forEach var="user" items="${users}">
          <tr class="admin-user${user.disabled() ? ' is-disabled' : ''}">
            <td class="user-username" data-label="Username"><c:out value="${user.username().value()}"/></td>
            <td data-label="Email"><c:out value="${user.email()}" default="—"/></td>
            <td class="user-admin" data-label="Admin">${user.admin() ? 'yes' : 'no'}</td>
            <td class="user-disabled" data-label="Disabled">${user.disabled() ? 'yes' : 'no'}</td>
            <td data-label="Created"><time datetime="${user.createdAt()}">${user.createdAt()}</time></td>
            <td class="row-actions">
              <c:choose>
                <c:when test="${user.id() == caller.user().id()}"><small>(you)</small></c:when>
                <c:otherwise>
                  <form method="post" action="${ctx}/admin/users" class="admin-user-form inline-form">
                    <input type="hidden" name="csrf" value="${csrf}">
                    <input type="hidden" name="username" value="<c:out value='${user.username().value()}'/>">
                    <input type="hidden" name="action" value="${user.admin() ? 'remove-admin' : 'make-admin'}">
                    <button type="submit" class="outline secondary">${user.admin() ? 'Remove admin' : 'Make admin'}</button>
                  </form>
                  <form method="post" action="${ctx}/admin/users" class="admin-user-form inline-form">
                    <input type="hidden" name="csrf" value="${csrf}">
                    <input type="hidden" name="username" value="<c:out value='${user.username().value()}'/>">
                    <input type="hidden" name="action" value="${user.disabled() ? 'enable' : 'disable'}">
                    <button type="submit" class="outline ${user.disabled() ? 'secondary' : 'contrast'}">${user.disabled() ? 'Enable' : 'Disable'}</button>
                  </form>
                </c:otherwise>
              </c:choose>
            </td>
          </tr>
        </c:forEach>
        </tbody>
      </table>
    </div>
    <p class="pager">
      <c:if test="${not empty earlierUsers}"><a href="${ctx}/admin?users_from=${earlierUsers}&amp;wikis_from=${wikisFrom}" id="earlier-users">Earlier users</a></c:if>
      <c:if test="${not empty moreUsers}"><a href="${ctx}/admin?users_from=${moreUsers}&amp;wikis_from=${wikisFrom}" id="more-users">More users</a></c:if>
    </p>
  </section>

  <section id="wikis-section" class="admin-section">
    <h2>Wikis</h2>
    <div class="overflow-auto">
      <table id="admin-wikis" class="striped stack">
        <thead><tr>
          <th><a href="${ctx}/admin?sort=name" id="sort-name"<c:if test="${sort == 'name'}"> aria-current="true"</c:if>>Wiki</a></th>
          <th>Display name</th>
          <th><a href="${ctx}/admin?sort=pages" id="sort-pages"<c:if test="${sort == 'pages'}"> aria-current="true"</c:if>>Pages</a></th>
          <th><a href="${ctx}/admin?sort=attachments" id="sort-attachments"<c:if test="${sort == 'attachments'}"> aria-current="true"</c:if>>Attachments</a></th>
          <th><a href="${ctx}/admin?sort=usage" id="sort-usage"<c:if test="${sort == 'usage'}"> aria-current="true"</c:if>>Usage</a></th>
          <th><a href="${ctx}/admin?sort=limit" id="sort-limit"<c:if test="${sort == 'limit'}"> aria-current="true"</c:if>>Limit</a></th>
          <th>Payment</th>
          <th>Own limits</th>
        </tr></thead>
        <tbody>
        <c:forEach var="line" items="${wikis}">
          <tr class="admin-wiki" data-wiki="<c:out value='${line.wiki().id().value()}'/>">
            <td data-label="Wiki"><a href="${line.url()}/"><c:out value="${line.wiki().owner().value()}/${line.wiki().slug().value()}"/></a></td>
            <td data-label="Display name"><c:out value="${line.wiki().displayName()}"/></td>
            <td class="num wiki-pages" data-label="Pages">${line.stats().pages()}</td>
            <td class="num wiki-attachments" data-label="Attachments">${line.stats().attachments()}</td>
            <td class="num wiki-usage" data-label="Usage">${line.stats().diskUsage()}</td>
            <td class="num wiki-limit" data-label="Limit">${line.stats().bytesLimit()}, ${line.stats().limits().unlimitedPages() ? 'unlimited' : line.stats().limits().pages()} pages${line.stats().limits().own() ? ' (own)' : ''}</td>
            <td data-label="Payment">
              <form method="post" action="${ctx}/admin/wikis" class="payment-form">
                <input type="hidden" name="csrf" value="${csrf}">
                <input type="hidden" name="wiki_id" value="<c:out value='${line.wiki().id().value()}'/>">
                <select name="payment_status" aria-label="Payment status of ${line.wiki().slug().value()}">
                  <c:forEach var="status" items="${paymentStatuses}">
                    <option value="${status}" <c:if test="${line.wiki().paymentStatus().dbValue() == status}">selected</c:if>>${status}</option>
                  </c:forEach>
                </select>
                <button type="submit" class="outline secondary">Set</button>
              </form>
            </td>
            <td data-label="Own limits">
              <form method="post" action="${ctx}/admin/limits" class="limits-form">
                <input type="hidden" name="csrf" value="${csrf}">
                <input type="hidden" name="wiki_id" value="<c:out value='${line.wiki().id().value()}'/>">
                <input type="text" inputmode="numeric" name="bytes_limit_mb" value="${line.ownMegabytes()}" placeholder="default" aria-label="Megabytes ${line.wiki().slug().value()} may use (0: unlimited, blank: default)">
                <input type="text" inputmode="numeric" name="pages_limit" value="${line.ownPages()}" placeholder="default" aria-label="Pages ${line.wiki().slug().value()} may have (0: unlimited, blank: default)">
                <button type="submit" class="outline secondary">Set limits</button>
              </form>
            </td>
          </tr>
        </c:forEach>
        <c:if test="${empty wikis}"><tr><td colspan="8">There are no wikis yet.</td></tr></c:if>
        </tbody>
      </table>
    </div>
    <p class="pager">
      <c:if test="${not empty earlierWikis}"><a href="${ctx}/admin?users_from=${usersFrom}&amp;wikis_from=${earlierWikis}&amp;sort=${sort}" id="earlier-wikis">Earlier wikis</a></c:if>
      <c:if test="${not empty moreWikis}"><a href="${ctx}/admin?users_from=${usersFrom}&amp;wikis_from=${moreWikis}&amp;sort=${sort}" id="more-wikis">More wikis</a></c:if>
    </p>
  </section>
</w:layout>
