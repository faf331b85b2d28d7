package org.wikifarm.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.el.BeanELResolver;
import jakarta.el.CompositeELResolver;
import jakarta.el.ELException;
import jakarta.el.ELProcessor;
import jakarta.el.StandardELContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The resolver answers exactly what Tomcat's bean resolver would, and leaves it everything else. */
class AccessorResolverTest {
    public record Hit(String path, List<String> matchedBy) {
        public String label(String prefix) {
            return prefix + path;
        }

        public String broken() {
            throw new IllegalStateException("no label");
        }
    }

    record Hidden(String path) {
    }

    private final AccessorResolver resolver = new AccessorResolver();

    private Object call(Object base, String method, Object... params) {
        StandardELContext context = new StandardELContext(jakarta.el.ExpressionFactory.newInstance());
        Object value = resolver.invoke(context, base, method, null, params);
        return context.isPropertyResolved() ? value : "unresolved";
    }

    @Test
    void callsPublicAccessorsWithoutArguments() {
        Hit hit = new Hit("Roses", List.of("text"));
        assertThat(call(hit, "path")).isEqualTo("Roses");
        assertThat(call(hit, "matchedBy")).isEqualTo(List.of("text"));
        assertThat(call(hit, "path")).as("from the cache").isEqualTo("Roses");
    }

    @Test
    void leavesEverythingElseToTomcatsResolvers() {
        assertThat(call(new Hit("Roses", List.of()), "label", "the ")).isEqualTo("unresolved");
        assertThat(call(new Hit("Roses", List.of()), "nothing")).isEqualTo("unresolved");
        assertThat(call(new Hidden("Roses"), "path")).isEqualTo("unresolved");
        assertThat(call(List.of("a").iterator(), "hasNext")).as("a JDK class that is not public").isEqualTo("unresolved");
        assertThat(call(null, "path")).isEqualTo("unresolved");
    }

    @Test
    void anExceptionInTheMethodIsAnElExceptionWithItsCause() {
        assertThatThrownBy(() -> call(new Hit("Roses", List.of()), "broken")).isInstanceOf(ELException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void expressionsAnswerAsWithTheBeanResolverAlone() {
        Hit hit = new Hit("Roses & <tulips>", List.of("text", "meaning"));
        for (boolean with : new boolean[] {true, false}) {
            ELProcessor el = new ELProcessor();
            CompositeELResolver resolvers = new CompositeELResolver();
            if (with) {
                resolvers.add(resolver);
            }
            resolvers.add(new BeanELResolver());
            el.getELManager().addELResolver(resolvers);
            el.defineBean("hit", hit);
            assertThat((Object) el.eval("hit.path()")).isEqualTo("Roses & <tulips>");
            assertThat((Object) el.eval("hit.matchedBy().size()")).isEqualTo(2);
            assertThat((Object) el.eval("hit.label('a ')")).isEqualTo("a Roses & <tulips>");
            assertThat((Object) el.eval("hit.path().length() > 3")).isEqualTo(true);
        }
    }
}
