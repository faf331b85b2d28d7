package org.wikifarm.web;

import org.apache.jasper.JspCompilationContext;
import org.apache.jasper.compiler.ELInterpreter;
import org.apache.jasper.compiler.JspUtil;

/**
 * Makes every {@code ${…}} in a JSP's template text escaped by default: Jasper asks this class, while it compiles a
 * JSP, for the Java code that evaluates each expression, and for template text we wrap that code in
 * {@link Html#text}, which escapes everything but {@link SafeHtml}. So {@code <input value="${x}">} and
 * {@code <p>${x}</p>} are safe without anyone remembering {@code c:out}, and markup reaches a page only as a
 * {@code SafeHtml} value.
 *
 * <p>Jasper calls the same hook for the attributes of tags ({@code <c:if test="${…}">}, {@code <w:layout
 * title="${…}">}); those values are not written to the page by Jasper and must keep their type, so they are left
 * alone. Jasper does not say which case it is in, but the caller does: template text is compiled by
 * {@code Generator.GenerateVisitor.visit(ELExpression)}, tag attributes by its {@code attributeValue} and
 * {@code evaluateAttribute}. {@code JspEscapingTest} checks the JSP sources follow the rules this relies on, and
 * {@code HostileValuesIT} renders every screen with hostile values on the real Tomcat.
 *
 * <p>Registered in {@code web.xml} as the context parameter {@code org.apache.jasper.compiler.ELInterpreter}.
 */
public final class EscapingElInterpreter implements ELInterpreter {
    private static final String GENERATOR = "org.apache.jasper.compiler.Generator";

    @Override
    public String interpreterCall(JspCompilationContext context, boolean isTagFile, String expression,
                                  Class<?> expectedType, String fnmapvar) {
        if (expectedType == String.class && calledForTemplateText()) {
            return Html.class.getName() + ".text("
                    + JspUtil.interpreterCall(isTagFile, expression, Object.class, fnmapvar) + ")";
        }
        return JspUtil.interpreterCall(isTagFile, expression, expectedType, fnmapvar);
    }

    /** Whether Jasper is compiling an expression in template text (not a tag's attribute). */
    static boolean calledForTemplateText() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(frame -> !frame.getClassName().equals(EscapingElInterpreter.class.getName()))
                .findFirst()
                .map(frame -> frame.getClassName().startsWith(GENERATOR) && frame.getMethodName().equals("visit"))
                .orElse(false));
    }
}
