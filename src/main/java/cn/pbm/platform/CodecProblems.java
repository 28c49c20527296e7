package cn.pbm.platform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.json.Json;

/**
 * The 4xx answers the HTTP layer writes itself, with an empty body and no {@code Content-Type}, become
 * {@code application/problem+json} (issue 21, docs/hardening.md): the codec refuses a bad {@code %} escape, two
 * {@code Content-Length} headers (400), a request line over {@code quarkus.http.limits.max-initial-line-length} (414),
 * a header block over {@code quarkus.http.limits.max-header-size} (431), and the body reader a chunked body over
 * {@code quarkus.http.limits.max-body-size} (413), all before the router, so no exception mapper or router handler
 * sees them. The service's own answers always carry a type and are passed on untouched, as is any answer to a
 * {@code HEAD} request (it has no body). One instance per connection, just before Vert.x's {@code handler}
 * ({@link Connections}).
 */
final class CodecProblems extends ChannelDuplexHandler {

    /** For each request read whose answer is not written yet: whether it was a HEAD (pipelined in order). */
    private final ArrayDeque<Boolean> heads = new ArrayDeque<>();
    /** An empty answer was replaced by a full one: its remaining (empty) content is dropped. */
    private boolean dropping;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest request) {
            heads.addLast(HttpMethod.HEAD.equals(request.method()));
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (dropping && msg instanceof HttpContent content) {
            dropping = !(content instanceof LastHttpContent);
            ReferenceCountUtil.release(msg);
            promise.setSuccess();
            return;
        }
        if (msg instanceof HttpResponse response && response.status().code() >= 200) {
            Boolean head = heads.pollFirst();
            int status = response.status().code();
            if (status >= 400 && status < 500 && (head == null || !head) && empty(response)
                    && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
                FullHttpResponse problem = problem(response);
                dropping = !(msg instanceof LastHttpContent);
                ReferenceCountUtil.release(msg);
                ctx.write(problem, promise);
                return;
            }
        }
        super.write(ctx, msg, promise);
    }

    private static boolean empty(HttpResponse response) {
        if (response instanceof FullHttpResponse full) {
            return full.content().readableBytes() == 0;
        }
        if (response instanceof HttpContent content && content.content().readableBytes() > 0) {
            return false;
        }
        return "0".equals(response.headers().get(HttpHeaderNames.CONTENT_LENGTH));
    }

    static FullHttpResponse problem(HttpResponse response) {
        int status = response.status().code();
        String title = switch (status) {
            case 400 -> "Bad request";
            case 413 -> "Payload too large";
            case 414 -> "URI too long";
            case 431 -> "Request header fields too large";
            default -> response.status().reasonPhrase();
        };
        Object body = Problems.response(status, "http-" + status, title,
                "The HTTP request was refused before it reached an endpoint.", List.of()).getEntity();
        byte[] bytes = Json.encode(body).getBytes(StandardCharsets.UTF_8);
        FullHttpResponse problem = new DefaultFullHttpResponse(response.protocolVersion(), response.status(),
                Unpooled.wrappedBuffer(bytes));
        problem.headers().set(response.headers());
        problem.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
        problem.headers().set(HttpHeaderNames.CONTENT_TYPE, Problems.MEDIA_TYPE);
        problem.headers().set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return problem;
    }
}
