-- Digital office hours (docs/adr/0039): the signalling of a video appointment's room, passed through the host. Only
-- what two browsers need to find each other (session descriptions, ICE candidates, hello/bye); picture, sound and
-- chat go peer to peer and are never here. A room's rows are deleted once the room has closed.
CREATE TABLE appointments.video_signals (
    tenant_id uuid NOT NULL,
    booking_id uuid NOT NULL REFERENCES appointments.bookings (id) ON DELETE CASCADE,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    sender text NOT NULL CHECK (sender IN ('applicant', 'staff')),
    kind text NOT NULL CHECK (kind IN ('hello', 'offer', 'answer', 'candidate', 'bye')),
    payload text NOT NULL CHECK (length(payload) <= 20000),
    created_at timestamptz NOT NULL,
    closes_at timestamptz NOT NULL,
    PRIMARY KEY (booking_id, seq)
);
CREATE INDEX video_signals_closes_idx ON appointments.video_signals (tenant_id, closes_at);
SELECT platform.enable_tenant_rls('appointments.video_signals', '${app_role}', 'SELECT, INSERT, DELETE');
