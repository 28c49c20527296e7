package cn.pbm.platform;

import java.io.IOException;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

/** Keeps the request as the endpoint received it (after the contract accepted it), for the decision log. */
@Provider
public class InputCapture implements ReaderInterceptor {

    private final DecisionRecord record;
    private final Admission admission;
    private final Admission.Ticket ticket;

    public InputCapture(DecisionRecord record, Admission admission, Admission.Ticket ticket) {
        this.record = record;
        this.admission = admission;
        this.ticket = ticket;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Object input = context.proceed();
        admission.admit(ticket, input); // bounded work: 503 when too many items are being decided
        record.input(input);
        return input;
    }
}
