package io.lecturelab.base;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;

/** Test only: reads a request body through Undertow (as Vaadin's uploads are read) and answers its length. */
@WebServlet(urlPatterns = "/test/body-size")
public class BodySizeServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long count = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = request.getInputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                count += n;
            }
        }
        response.setContentType("text/plain");
        response.getWriter().print(count);
    }
}
