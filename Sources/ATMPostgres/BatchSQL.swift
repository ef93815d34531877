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
        /// The usual batch (deposits, withdrawals and transfers from many ATMs) names no account and no key twice,
        /// so no change can see another's effect and deciding them all at once is deciding them in order: such a
        /// batch takes a set-based path, the key locks in one statement and then one statement for every
        /// decision, balance move, history row and key row, instead of a dozen statements per change. A batch
        /// that repeats an account or a key takes the loop, one change at a time.
        ///
        /// Every call is planned for its own arrays (`force_custom_plan`): a plan cached while the key table was
        /// empty seq-scans it and hash-joins all accounts, and grows slower with every key the bank stores.
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
            LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $function$
            DECLARE
                v_held boolean;
                v_helds boolean[];
                v_key record;
                v_from bigint;
                v_to bigint;
            BEGIN
                PERFORM 1 FROM accounts WHERE account_number = ANY (p_accounts || p_others)
                    ORDER BY account_number FOR UPDATE;
                -- Set-based when no account and no key appears twice (so no change can see another's effect,
                -- and deciding all at once is deciding in order): a few statements for the whole batch. The key
                -- locks are taken first, in a statement of their own, so that the key rows are read under a
                -- snapshot taken after them (a key committed by the transaction that held its lock is seen).
                IF p_kinds <@ ARRAY['deposit', 'withdrawal', 'transfer']
                    AND (SELECT count(*) = count(DISTINCT n) FROM unnest(p_accounts || p_others) AS n
                        WHERE n IS NOT NULL)
                    AND (SELECT count(*) = count(DISTINCT k) FROM unnest(p_keys) AS k WHERE k IS NOT NULL)
                THEN
                    v_helds := ARRAY(
                        SELECT CASE WHEN t.k IS NULL THEN true ELSE pg_try_advisory_xact_lock(hashtextextended(t.k, 0)) END
                        FROM unnest(p_keys) WITH ORDINALITY AS t(k, n) ORDER BY t.n);
                    RETURN QUERY
                    WITH input AS (
                        SELECT t.n::integer AS n, t.kind, t.account, t.other, t.cents, t.key, t.fingerprint,
                            t.request_id, v_helds[t.n] AS held
                        FROM unnest(p_kinds, p_accounts, p_others, p_cents, p_keys, p_fingerprints, p_request_ids)
                            WITH ORDINALITY AS t(kind, account, other, cents, key, fingerprint, request_id, n)
                    ), decided AS (
                        SELECT i.*, k.fingerprint AS stored_fingerprint, k.outcome_kind, k.outcome_account,
                            k.outcome_cents, k.outcome_history_id,
                            CASE
                                WHEN k.key IS NOT NULL THEN 'stored'
                                WHEN NOT i.held THEN 'in_progress'
                                WHEN source.account_number IS NULL THEN 'not_found'
                                WHEN i.kind = 'deposit' THEN
                                    CASE WHEN source.balance_cents > p_maximum - i.cents THEN 'limit_exceeded'
                                    ELSE 'balance' END
                                WHEN i.kind = 'withdrawal' THEN
                                    CASE WHEN source.balance_cents < i.cents THEN 'insufficient_funds'
                                    ELSE 'balance' END
                                WHEN destination.account_number IS NULL THEN 'destination_not_found'
                                WHEN source.balance_cents < i.cents THEN 'insufficient_funds'
                                WHEN destination.balance_cents > p_maximum - i.cents THEN 'limit_exceeded'
                                ELSE 'balance'
                            END AS result
                        FROM input AS i
                        LEFT JOIN idempotency_keys AS k ON k.key = i.key
                        LEFT JOIN accounts AS source ON source.account_number = i.account
                        LEFT JOIN accounts AS destination ON destination.account_number = i.other
                    ), moves AS (
                        SELECT d.n, d.account AS account_number, true AS is_source,
                            CASE d.kind WHEN 'deposit' THEN d.cents ELSE -d.cents END AS delta
                        FROM decided AS d WHERE d.result = 'balance'
                        UNION ALL
                        SELECT d.n, d.other, false, d.cents
                        FROM decided AS d WHERE d.result = 'balance' AND d.kind = 'transfer'
                    ), moved AS (
                        UPDATE accounts AS a SET balance_cents = a.balance_cents + m.delta
                        FROM moves AS m WHERE a.account_number = m.account_number
                        RETURNING m.n, m.is_source, a.account_number, a.balance_cents
                    ), written AS (
                        INSERT INTO history AS h (account_number, kind, cents, balance_after, counterparty, request_id)
                        SELECT m.account_number,
                            CASE WHEN d.kind <> 'transfer' THEN d.kind
                                WHEN m.is_source THEN 'transfer_out' ELSE 'transfer_in' END,
                            d.cents, m.balance_cents,
                            CASE WHEN d.kind = 'transfer' THEN
                                CASE WHEN m.is_source THEN d.other ELSE d.account END END,
                            d.request_id
                        FROM moved AS m JOIN decided AS d ON d.n = m.n
                        ORDER BY m.n, m.is_source DESC
                        RETURNING h.id, h.account_number
                    ), keyed AS (
                        INSERT INTO idempotency_keys
                            (key, fingerprint, outcome_kind, outcome_account, outcome_cents, outcome_history_id)
                        SELECT d.key, d.fingerprint, d.result, CASE WHEN d.result = 'balance' THEN d.account END,
                            m.balance_cents, w.id
                        FROM decided AS d
                        LEFT JOIN moved AS m ON m.n = d.n AND m.is_source
                        LEFT JOIN written AS w ON w.account_number = d.account AND d.result = 'balance'
                        WHERE d.key IS NOT NULL AND d.result NOT IN ('stored', 'in_progress')
                    )
                    SELECT d.n, d.result, w.id, m.balance_cents, mi.balance_cents, d.stored_fingerprint,
                        d.outcome_kind, d.outcome_account, d.outcome_cents, d.outcome_history_id
                    FROM decided AS d
                    LEFT JOIN moved AS m ON m.n = d.n AND m.is_source
                    LEFT JOIN moved AS mi ON mi.n = d.n AND NOT mi.is_source
                    LEFT JOIN written AS w ON w.account_number = d.account AND d.result = 'balance'
                    ORDER BY d.n;
                    RETURN;
                END IF;
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
