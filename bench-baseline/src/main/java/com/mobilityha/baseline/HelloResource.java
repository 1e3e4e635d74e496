package com.mobilityha.baseline;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** The one endpoint of the bare baseline application. */
@Path("/hello")
public class HelloResource {
    @GET
    public String hello() {
        return "hello";
    }
}
