package org.consultationtracker.command.api;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.consultationtracker.command.security.CurrentUser;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.util.HashMap;
import java.util.List;
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
        return commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(MetaData.from(metaData())));
    }

    /**
     * Sends several commands (to different aggregates) as one unit of work: their events are stored together, in one
     * commit, or - if any command is refused - none is. A request that needs two commands so leaves no half behind.
     */
    public void sendTogether(List<?> commands) {
        UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(null);
        ResultMessage<?> result = unit.executeWithResult(() -> {
            commands.forEach(this::send);
            return null;
        });
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(failure);
        }
    }

    private static Map<String, Object> metaData() {
        CurrentUser user = CurrentUser.fromSecurityContext();
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(ACTOR, user.username());
        metaData.put(ROLE, user.role().name());
        Object key = RequestContextHolder.currentRequestAttributes()
                .getAttribute(IdempotencyFilter.KEY_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (key != null) {
            metaData.put(IDEMPOTENCY_KEY, key);
        }
        return metaData;
    }
}
