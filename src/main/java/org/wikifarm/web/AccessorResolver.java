package org.wikifarm.web;

import jakarta.el.ELContext;
import jakarta.el.ELException;
import jakarta.el.ELResolver;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Method calls without arguments in the JSPs' expressions ({@code ${hit.path()}}, {@code ${status.queued()}}: the
 * views are records, whose accessors are not bean getters) made cheap. Tomcat's {@code BeanELResolver} looks the
 * method up again at every call (every public method of the class, copied), which was a tenth of the search screen's
 * time with its 20 hits. This resolver keeps the method it found for each class and name and calls it directly;
 * Jasper asks the application's resolvers first. What it does not take — a method with arguments, of a class that
 * is not public, or no such method — it leaves to Tomcat's resolvers, so what an expression can call and what it
 * answers are unchanged. Registered by {@code app.Bootstrap} before the first request.
 */
public final class AccessorResolver extends ELResolver {
    /**
     * Per class and method name; it goes with the resolver when the application is undeployed (RedeployIT renders a
     * screen in each of its ten deployments and counts the class loaders left). Its keys come from the JSPs'
     * source, not from anyone's input, so it stays small.
     */
    private final ConcurrentHashMap<Class<?>, ConcurrentHashMap<String, Optional<Method>>> methods =
            new ConcurrentHashMap<>();

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (base == null || !(method instanceof String name) || (params != null && params.length > 0)
                || (paramTypes != null && paramTypes.length > 0)) {
            return null;
        }
        Class<?> type = base.getClass();
        Method accessor = methods.computeIfAbsent(type, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(name, n -> accessor(type, n)).orElse(null);
        if (accessor == null) {
            return null;
        }
        try {
            Object result = accessor.invoke(base);
            context.setPropertyResolved(base, method);
            return result;
        } catch (IllegalAccessException e) {
            throw new ELException(e);
        } catch (InvocationTargetException e) {
            throw new ELException(e.getCause());
        }
    }

    /** The public method {@code name()} of a public class in an exported package, if there is one. */
    static Optional<Method> accessor(Class<?> type, String name) {
        if (!Modifier.isPublic(type.getModifiers()) || !type.getModule().isExported(type.getPackageName())) {
            return Optional.empty();
        }
        try {
            Method method = type.getMethod(name);
            return Modifier.isPublic(method.getDeclaringClass().getModifiers()) ? Optional.of(method) : Optional.empty();
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        // Properties are Tomcat's resolvers' business.
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return false;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }
}
