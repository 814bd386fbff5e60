-- A synthetic extension request is invented for the demo (so that the workbench has something to
-- show on a fresh start); it is labelled so wherever it is served, and it never stands for a
-- State Party's real request.
ALTER TABLE extension_request ADD COLUMN synthetic boolean NOT NULL DEFAULT false;
