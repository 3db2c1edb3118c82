package io.leadflow.query.rest;

import io.leadflow.leadquery.SharedView;
import io.leadflow.query.service.Shares;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Opens the share link of a {@link SharedResource} request before its method runs, so every method has the link
 * and none can run without one: unknown tokens are 404 problems, revoked and expired links 410.
 */
public class SharedLinkFilter {

    private static final String VIEW = SharedView.class.getName();

    private final Shares shares;

    public SharedLinkFilter(Shares shares) {
        this.shares = shares;
    }

    @ServerRequestFilter
    public Uni<Void> openLink(ContainerRequestContext context, ResourceInfo resource) {
        if (resource.getResourceClass() != SharedResource.class) {
            return Uni.createFrom().voidItem();
        }
        return shares.view(context.getUriInfo().getPathParameters().getFirst("token"))
                .invoke(view -> context.setProperty(VIEW, view))
                .replaceWithVoid();
    }

    /** The link a request was opened with. */
    static SharedView view(ContainerRequestContext context) {
        return (SharedView) context.getProperty(VIEW);
    }
}
