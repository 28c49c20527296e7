package cn.pbm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;

/** The per-connection and listening-socket handlers of {@link Connections} and {@link CodecProblems}, in isolation. */
class ConnectionHandlersTest {

    private static final AttributeKey<AtomicInteger> IN_FLIGHT = AttributeKey.valueOf("pbm.requests-in-flight");

    @Test
    void theLimitIsTheConfiguredOneLoweredToTheOpenFilesLessTheReserved() {
        assertThat(Connections.effectiveLimit(30_000, 1_048_576, 1024)).isEqualTo(30_000);
        assertThat(Connections.effectiveLimit(30_000, 20_000, 1024)).isEqualTo(18_976);
        assertThat(Connections.effectiveLimit(30_000, -1, 1024)).isEqualTo(30_000); // the platform does not tell
        assertThat(Connections.effectiveLimit(30_000, 100, 1024)).isEqualTo(1);
    }

    private static EmbeddedChannel child(int underWay) {
        EmbeddedChannel child = new EmbeddedChannel();
        child.attr(IN_FLIGHT).set(new AtomicInteger(underWay));
        return child;
    }

    @Test
    void beyondTheLimitTheOldestIdleIsClosedOrElseTheNewcomer() {
        EmbeddedChannel listener = new EmbeddedChannel(new Connections.Watcher(2));
        EmbeddedChannel busyOld = child(1);
        EmbeddedChannel idleOld = child(0);
        listener.writeInbound(busyOld, idleOld);
        EmbeddedChannel third = child(0);
        listener.writeInbound(third);
        assertThat(busyOld.isOpen()).as("a request under way: kept").isTrue();
        assertThat(idleOld.isOpen()).as("the oldest idle one made room").isFalse();
        assertThat(third.isOpen()).isTrue();
        third.attr(IN_FLIGHT).get().set(1);
        long refused = Connections.REFUSED.get();
        EmbeddedChannel fourth = child(0);
        listener.writeInbound(fourth);
        assertThat(fourth.isOpen()).as("every open one is busy: the newcomer goes").isFalse();
        assertThat(busyOld.isOpen() && third.isOpen()).isTrue();
        assertThat(Connections.REFUSED.get()).isEqualTo(refused + 1);
        // a closed connection gives its place back
        busyOld.close();
        listener.runPendingTasks();
        EmbeddedChannel fifth = child(0);
        listener.writeInbound(fifth);
        assertThat(fifth.isOpen()).isTrue();
    }

    private static EmbeddedChannel connection() {
        return new EmbeddedChannel(new CodecProblems());
    }

    @Test
    void anEmpty4xxOfTheCodecBecomesProblemJson() {
        EmbeddedChannel channel = connection();
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/bad-request"));
        DefaultFullHttpResponse empty = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST);
        empty.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0).set(HttpHeaderNames.CONNECTION, "close");
        channel.writeOutbound(empty);
        FullHttpResponse answer = channel.readOutbound();
        assertThat(answer.status().code()).isEqualTo(400);
        assertThat(answer.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/problem+json");
        assertThat(answer.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
        String body = answer.content().toString(StandardCharsets.UTF_8);
        assertThat(answer.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(answer.content().readableBytes());
        assertThat(body).contains("\"type\":\"urn:pbm:problem:http-400\"", "\"status\":400", "\"title\":\"Bad request\"");
        answer.release();
    }

    @Test
    void aHeadAndAnEmptyResponseInPiecesAreHandledAndTypedAnswersPassUntouched() {
        EmbeddedChannel channel = connection();
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.HEAD, "/x"),
                new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/y"),
                new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/z"));
        // the HEAD's answer: never a body
        DefaultFullHttpResponse head = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND);
        channel.writeOutbound(head);
        assertThat((Object) channel.readOutbound()).isSameAs(head);
        // an empty 413 written as a head and an empty last content: one full problem, the empty end dropped
        DefaultHttpResponse inPieces = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
        inPieces.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
        channel.writeOutbound(inPieces, LastHttpContent.EMPTY_LAST_CONTENT);
        FullHttpResponse problem = channel.readOutbound();
        assertThat(problem.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/problem+json");
        assertThat(problem.content().toString(StandardCharsets.UTF_8)).contains("\"status\":413");
        assertThat((Object) channel.readOutbound()).isNull();
        problem.release();
        // the service's own answer carries a type: untouched
        DefaultFullHttpResponse typed = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST);
        typed.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
        channel.writeOutbound(typed);
        assertThat((Object) channel.readOutbound()).isSameAs(typed);
    }
}
