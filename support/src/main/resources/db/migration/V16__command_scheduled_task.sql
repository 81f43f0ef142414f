-- db-scheduler's executions for the command side (the daily retention sweep, decision 0014): its documented
-- PostgreSQL table under a name of the command side's own, apart from the notifier's, so that neither
-- scheduler ever meets a task it does not know.
CREATE TABLE command_scheduled_task (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX command_scheduled_task_execution_time ON command_scheduled_task (execution_time);
CREATE INDEX command_scheduled_task_last_heartbeat ON command_scheduled_task (last_heartbeat);
CREATE INDEX command_scheduled_task_priority ON command_scheduled_task (priority DESC, execution_time ASC);
