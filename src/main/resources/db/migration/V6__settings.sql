-- Admin-editable rule settings: one row, versioned like comments (ETag / If-Match).
CREATE TABLE rule_settings (
    id          INT           NOT NULL PRIMARY KEY,
    version     BIGINT        NOT NULL,
    body        VARCHAR(1000000) NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by  VARCHAR(200)  NOT NULL,
    CONSTRAINT rule_settings_single_row CHECK (id = 1)
);
INSERT INTO rule_settings (id, version, body, updated_at, updated_by) VALUES (1, 0, '{}', CURRENT_TIMESTAMP, 'installation');
