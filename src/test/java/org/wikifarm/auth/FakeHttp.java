package org.wikifarm.auth;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Just enough of the Servlet API to drive a filter or servlet in a unit test: requests, a response that records its
 * status and headers, and sessions kept in a {@link Browser} between requests. Methods a test does not need answer
 * null, false or 0.
 */
final class FakeHttp {
    private static final AtomicInteger SESSION_IDS = new AtomicInteger();

    private FakeHttp() {
    }

    /** The session cookie a browser keeps between requests. */
    static final class Browser {
        HttpSession session;
    }

    /** What a request carries; build it, then call {@link #request()}. */
    static final class RequestSpec {
        final Browser browser;
        final String method;
        final String servletPath;
        final Map<String, String> headers = new HashMap<>();
        final Map<String, String> parameters = new LinkedHashMap<>();
        final Map<String, Object> attributes = new HashMap<>();
        String remoteAddr = "203.0.113.9";

        RequestSpec(Browser browser, String method, String servletPath) {
            this.browser = browser;
            this.method = method;
            this.servletPath = servletPath;
        }

        RequestSpec header(String name, String value) {
            headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
            return this;
        }

        RequestSpec parameter(String name, String value) {
            parameters.put(name, value);
            return this;
        }

        HttpServletRequest request() {
            InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
                case "getMethod" -> this.method;
                case "getServletPath" -> servletPath;
                case "getRequestURI" -> servletPath;
                case "getContextPath", "getPathInfo" -> method.getName().equals("getContextPath") ? "" : null;
                case "getScheme" -> "http";
                case "getServerName" -> "localhost";
                case "getServerPort" -> 80;
                case "getRemoteAddr" -> remoteAddr;
                case "getHeader" -> headers.get(((String) args[0]).toLowerCase(java.util.Locale.ROOT));
                case "getHeaders" -> Collections.enumeration(headers.containsKey(
                        ((String) args[0]).toLowerCase(java.util.Locale.ROOT))
                        ? java.util.List.of(headers.get(((String) args[0]).toLowerCase(java.util.Locale.ROOT)))
                        : java.util.List.of());
                case "getParameter" -> parameters.get((String) args[0]);
                case "getParameterMap" -> Map.copyOf(parameters);
                case "getAttribute" -> attributes.get((String) args[0]);
                case "setAttribute" -> {
                    attributes.put((String) args[0], args[1]);
                    yield null;
                }
                case "removeAttribute" -> attributes.remove((String) args[0]);
                case "getSession" -> session(args == null || args.length == 0 || (Boolean) args[0]);
                case "getRequestDispatcher" -> dispatcher();
                case "isSecure" -> false;
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                case "toString" -> this.method + " " + servletPath;
                default -> defaultValue(method.getReturnType());
            };
            return (HttpServletRequest) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, handler);
        }

        private HttpSession session(boolean create) {
            if (browser.session == null && create) {
                browser.session = newSession(browser);
            }
            return browser.session;
        }
    }

    /** A response that keeps what the code under test did to it. */
    static final class Recorded {
        int status = 200;
        final Map<String, String> headers = new HashMap<>();

        HttpServletResponse response() {
            InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
                case "setStatus", "sendError" -> {
                    status = (Integer) args[0];
                    yield null;
                }
                case "setHeader", "addHeader" -> {
                    headers.put((String) args[0], (String) args[1]);
                    yield null;
                }
                case "getStatus" -> status;
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                case "toString" -> "response " + status;
                default -> defaultValue(method.getReturnType());
            };
            return (HttpServletResponse) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, handler);
        }
    }

    private static HttpSession newSession(Browser browser) {
        Map<String, Object> attributes = new HashMap<>();
        String id = "fake-" + SESSION_IDS.incrementAndGet();
        long created = System.currentTimeMillis();
        HttpSession[] self = new HttpSession[1];
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "getId" -> id;
            case "getCreationTime", "getLastAccessedTime" -> created;
            case "getMaxInactiveInterval" -> 1800;
            case "isNew" -> false;
            case "getAttribute" -> attributes.get((String) args[0]);
            case "setAttribute" -> {
                attributes.put((String) args[0], args[1]);
                yield null;
            }
            case "removeAttribute" -> attributes.remove((String) args[0]);
            case "getAttributeNames" -> Collections.enumeration(attributes.keySet());
            case "invalidate" -> {
                attributes.clear();
                if (browser.session == self[0]) {
                    browser.session = null;
                }
                yield null;
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            case "toString" -> "session " + id;
            default -> defaultValue(method.getReturnType());
        };
        self[0] = (HttpSession) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                new Class<?>[] {HttpSession.class}, handler);
        return self[0];
    }

    private static RequestDispatcher dispatcher() {
        return (RequestDispatcher) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                new Class<?>[] {RequestDispatcher.class}, (proxy, method, args) -> null);
    }

    private static Object defaultValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == int.class) {
            return 0;
        }
        return null;
    }
}
