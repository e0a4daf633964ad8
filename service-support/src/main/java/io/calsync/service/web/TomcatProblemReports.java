package io.calsync.service.web;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's own error answers (a path with an encoded NUL or slash, an unparsable request, an error no servlet
 * rendered) as problems instead of Tomcat's HTML page. Added next to the context, it answers before the HTML valve
 * Spring Boot installs.
 */
class TomcatProblemReports extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatusCode code = HttpStatusCode.valueOf(status);
        ProblemDetail problem = code.is5xxServerError() ? UnexpectedErrors.problem(code, throwable)
                : status == HttpStatus.NOT_FOUND.value()
                        ? Problems.of(code, "not-found", "Not found", "there is no resource at this path")
                        : Problems.ofStatus(code, "the request cannot be processed as sent");
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(Problems.json(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response cannot take a body: nothing more to say
        }
    }
}
