package org.consultationtracker.command.lookup;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Around every command handled here: before it is judged, the lookup takes in every event stored so far (or the
 * command fails with {@link LookupUnavailable} and nothing is recorded), unless the web request sending it has just
 * done so (see {@link LookupCatchUp#catchUpForRequest}); once its events are stored, the lookup takes them in before
 * the command's result is returned, so the next command (join right after the round opened, or the join the API sends
 * right after a leave) sees them.
 */
class CatchUpAroundCommands implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final LookupCatchUp catchUp;

    CatchUpAroundCommands(LookupCatchUp catchUp) {
        this.catchUp = catchUp;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork,
                         InterceptorChain interceptorChain) throws Exception {
        catchUp.beforeCommand();
        unitOfWork.afterCommit(committed -> catchUp.afterCommand());
        return interceptorChain.proceed();
    }
}
