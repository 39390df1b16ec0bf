package org.consultationtracker.command.api;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.consultationtracker.command.security.CurrentUser;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.util.HashMap;
import java.util.Map;

/**
 * Sends a command and waits for its outcome, with the metadata every resulting event carries: {@code actor} (the
 * username), {@code role} (the role they acted in) and, when the client sent one, {@code idempotencyKey}. Axon copies
 * these keys from the command onto its events (see {@link CorrelationConfiguration}).
 */
@Component
public class CommandDispatch {

    public static final String ACTOR = "actor";
    public static final String ROLE = "role";
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";

    private final CommandGateway commandGateway;

    public CommandDispatch(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    public <R> R send(Object command) {
        CurrentUser user = CurrentUser.fromSecurityContext();
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(ACTOR, user.username());
        metaData.put(ROLE, user.role().name());
        Object key = RequestContextHolder.currentRequestAttributes()
                .getAttribute(IdempotencyFilter.KEY_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (key != null) {
            metaData.put(IDEMPOTENCY_KEY, key);
        }
        return commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(MetaData.from(metaData)));
    }
}
