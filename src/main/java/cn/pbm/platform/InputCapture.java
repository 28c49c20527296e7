package cn.pbm.platform;

import java.io.IOException;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

/** Keeps the request as the endpoint received it (after the contract accepted it), for the decision log. */
@Provider
public class InputCapture implements ReaderInterceptor {

    private final DecisionRecord record;

    public InputCapture(DecisionRecord record) {
        this.record = record;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Object input = context.proceed();
        record.input(input);
        return input;
    }
}
