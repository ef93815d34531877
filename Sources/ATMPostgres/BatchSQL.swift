#if PostgreSQL
    /// Group commit's SQL: one function call carries a whole batch of changes, in order, inside one transaction
    /// (the call's own autocommit), so a batch costs one round trip and one WAL flush however many it holds.
    ///
    /// The function lives in the session's `pg_temp` schema, created when its statement is first prepared on a
    /// connection: no migration, so daemons of the previous release keep running and restarting on the same
    /// schema during a rolling upgrade, and no daemon depends on a function another release defined.
    enum BatchSQL {
        /// Creates `pg_temp.atm_apply_changes`. Every account the batch names is locked first, once, in account
        /// order (the sort sits under the row locks), so batches on any number of daemons lock in the same order
        /// and cannot deadlock. Then each change in turn: a key already stored answers with what is stored (the
        /// caller compares fingerprints), a key held by another transaction answers `in_progress`; otherwise the
        /// change is checked before anything is written (not found, insufficient funds, the balance limit), so an
        /// expected refusal writes nothing but its key and never aborts the batch; an applied change writes its
        /// history rows, and a keyed one its key row, all in the batch's transaction.
        ///
        /// Row per change, in order: position, result (`balance`, `stored`, `in_progress` or a refusal word as
        /// `idempotency_keys.outcome_kind` stores it), history id, balance after, the destination's balance after
        /// (transfers), and for `stored` the stored fingerprint and outcome columns.
        static let createFunction = """
            CREATE OR REPLACE FUNCTION pg_temp.atm_apply_changes(
                p_kinds text[], p_accounts text[], p_others text[], p_cents bigint[], p_maximum bigint,
                p_keys text[], p_fingerprints bytea[], p_request_ids text[])
            RETURNS TABLE (o_position integer, o_result text, o_history_id bigint, o_balance_after bigint,
                o_other_after bigint, o_fingerprint bytea, o_kind text, o_account text, o_cents bigint,
                o_stored_history_id bigint)
            LANGUAGE plpgsql AS $function$
            DECLARE
                v_held boolean;
                v_key record;
                v_from bigint;
                v_to bigint;
            BEGIN
                PERFORM 1 FROM accounts WHERE account_number = ANY (p_accounts || p_others)
                    ORDER BY account_number FOR UPDATE;
                FOR i IN 1 .. coalesce(array_length(p_kinds, 1), 0) LOOP
                    o_position := i;
                    o_result := NULL; o_history_id := NULL; o_balance_after := NULL; o_other_after := NULL;
                    o_fingerprint := NULL; o_kind := NULL; o_account := NULL; o_cents := NULL;
                    o_stored_history_id := NULL;
                    IF p_keys[i] IS NOT NULL THEN
                        v_held := pg_try_advisory_xact_lock(hashtextextended(p_keys[i], 0));
                        SELECT k.fingerprint, k.outcome_kind, k.outcome_account, k.outcome_cents,
                            k.outcome_history_id INTO v_key
                        FROM idempotency_keys AS k WHERE k.key = p_keys[i];
                        IF FOUND THEN
                            o_result := 'stored'; o_fingerprint := v_key.fingerprint; o_kind := v_key.outcome_kind;
                            o_account := v_key.outcome_account; o_cents := v_key.outcome_cents;
                            o_stored_history_id := v_key.outcome_history_id;
                            RETURN NEXT;
                            CONTINUE;
                        END IF;
                        IF NOT v_held THEN
                            o_result := 'in_progress';
                            RETURN NEXT;
                            CONTINUE;
                        END IF;
                    END IF;
                    SELECT a.balance_cents INTO v_from FROM accounts AS a WHERE a.account_number = p_accounts[i];
                    IF NOT FOUND THEN
                        o_result := 'not_found';
                    ELSIF p_kinds[i] IN ('deposit', 'withdrawal') THEN
                        IF p_kinds[i] = 'deposit' AND v_from > p_maximum - p_cents[i] THEN
                            o_result := 'limit_exceeded';
                        ELSIF p_kinds[i] = 'withdrawal' AND v_from < p_cents[i] THEN
                            o_result := 'insufficient_funds';
                        ELSE
                            UPDATE accounts AS a SET balance_cents = a.balance_cents
                                    + CASE p_kinds[i] WHEN 'deposit' THEN p_cents[i] ELSE -p_cents[i] END
                                WHERE a.account_number = p_accounts[i] RETURNING a.balance_cents INTO o_balance_after;
                            INSERT INTO history AS h (account_number, kind, cents, balance_after, request_id)
                                VALUES (p_accounts[i], p_kinds[i], p_cents[i], o_balance_after, p_request_ids[i])
                                RETURNING h.id INTO o_history_id;
                            o_result := 'balance';
                        END IF;
                    ELSIF p_kinds[i] = 'transfer' THEN
                        SELECT a.balance_cents INTO v_to FROM accounts AS a WHERE a.account_number = p_others[i];
                        IF NOT FOUND THEN
                            o_result := 'destination_not_found';
                        ELSIF v_from < p_cents[i] THEN
                            o_result := 'insufficient_funds';
                        ELSIF v_to > p_maximum - p_cents[i] THEN
                            o_result := 'limit_exceeded';
                        ELSE
                            UPDATE accounts AS a SET balance_cents = a.balance_cents - p_cents[i]
                                WHERE a.account_number = p_accounts[i] RETURNING a.balance_cents INTO o_balance_after;
                            UPDATE accounts AS a SET balance_cents = a.balance_cents + p_cents[i]
                                WHERE a.account_number = p_others[i] RETURNING a.balance_cents INTO o_other_after;
                            INSERT INTO history AS h
                                (account_number, kind, cents, balance_after, counterparty, request_id)
                                VALUES (p_accounts[i], 'transfer_out', p_cents[i], o_balance_after, p_others[i],
                                    p_request_ids[i])
                                RETURNING h.id INTO o_history_id;
                            INSERT INTO history (account_number, kind, cents, balance_after, counterparty, request_id)
                                VALUES (p_others[i], 'transfer_in', p_cents[i], o_other_after, p_accounts[i],
                                    p_request_ids[i]);
                            o_result := 'balance';
                        END IF;
                    ELSE
                        RAISE EXCEPTION 'unknown change kind %', p_kinds[i] USING ERRCODE = 'XX000';
                    END IF;
                    IF p_keys[i] IS NOT NULL THEN
                        INSERT INTO idempotency_keys
                            (key, fingerprint, outcome_kind, outcome_account, outcome_cents, outcome_history_id)
                        VALUES (p_keys[i], p_fingerprints[i], o_result,
                            CASE WHEN o_result = 'balance' THEN p_accounts[i] END, o_balance_after, o_history_id);
                    END IF;
                    RETURN NEXT;
                END LOOP;
            END
            $function$
            """

        /// The call: one row per change, in the order given (`ORDER BY` the position, not trusting the set's order).
        static let applyChanges = Statement(
            name: "apply_changes",
            text: """
                SELECT o_position, o_result, o_history_id, o_balance_after, o_other_after, o_fingerprint, o_kind,
                    o_account, o_cents, o_stored_history_id
                FROM pg_temp.atm_apply_changes($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint,
                    $6::text[], $7::bytea[], $8::text[])
                ORDER BY o_position
                """,
            setup: createFunction)
    }
#endif
