package io.leadflow.scoring.service;

import io.leadflow.events.Channel;
import io.leadflow.events.LeadAnalyzed;
import io.leadflow.events.LeadMessage;
import io.leadflow.scoring.BatchPlan;
import io.leadflow.scoring.BatchPlan.IdentityRow;
import io.leadflow.scoring.BatchPlan.LeadRow;
import io.leadflow.scoring.BatchPlan.Merge;
import io.leadflow.scoring.BatchPlan.MessageRow;
import io.leadflow.scoring.BatchPlan.NameRow;
import io.leadflow.scoring.BatchPlan.WrittenRow;
import io.leadflow.scoring.Identity;
import io.leadflow.scoring.MessageKey;
import io.leadflow.scoring.StoredLead;
import io.leadflow.scoring.model.Contact;
import io.leadflow.scoring.model.Conversation;
import io.leadflow.scoring.model.ScoringEngine;
import io.leadflow.scoring.model.ScoringEngine.ConversationScore;
import io.leadflow.scoring.model.Signal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides what a batch of new messages does to the leads, in memory, from what the database said under the
 * batch's locks: which messages are the same person (they share a sender identifier, directly or through a stored
 * lead), which lead each person is (the oldest of the stored leads they touch; a new one if none), which stored
 * leads merge, how the contact fills in, which written identifiers to keep as suggestions, and the score of the
 * whole conversation. Pure logic.
 */
public class BatchPlanner {

    private final ScoringEngine engine;

    public BatchPlanner(ScoringEngine engine) {
        this.engine = engine;
    }

    /** One person of a batch: their new messages (batch order), every sender identifier, the stored leads they touch. */
    public record Group(List<LeadAnalyzed> events, Set<Identity> identities, Set<Long> leadIds) {
    }

    /** The people of a batch, in the order their first message came. */
    public record Grouping(List<Group> groups) {

        public Set<Long> leadIds() {
            Set<Long> ids = new LinkedHashSet<>();
            groups.forEach(g -> ids.addAll(g.leadIds()));
            return ids;
        }

        public int newLeadCount() {
            return (int) groups.stream().filter(g -> g.leadIds().isEmpty()).count();
        }

        /**
         * From when each touched lead's past messages can still count: the window before the newest message of
         * the person, new or stored.
         */
        public Map<Long, Instant> historySince(Map<Long, StoredLead> leads, Duration window) {
            Map<Long, Instant> since = new HashMap<>();
            for (Group group : groups) {
                Instant latest = group.events().stream().map(e -> e.message().receivedAt()).max(Comparator.naturalOrder()).orElseThrow();
                for (long id : group.leadIds()) {
                    Instant stored = leads.get(id).lastMessageAt();
                    latest = stored.isAfter(latest) ? stored : latest;
                }
                for (long id : group.leadIds()) {
                    since.put(id, Conversation.windowStart(latest, window));
                }
            }
            return since;
        }
    }

    /**
     * Groups new messages by person: two messages are the same person when they share a sender identifier, or
     * when their sender identifiers belong to the same stored lead. What they wrote plays no part.
     *
     * @param fresh  messages not stored yet, one per message key, in batch order
     * @param owners the stored lead of each identifier that has one (of the written ones too)
     */
    public static Grouping group(List<LeadAnalyzed> fresh, Map<Identity, Long> owners) {
        int[] parent = new int[fresh.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        Map<Identity, Integer> identityFirstSeen = new HashMap<>();
        Map<Long, Integer> leadFirstSeen = new HashMap<>();
        List<List<Identity>> identities = new ArrayList<>();
        for (int i = 0; i < fresh.size(); i++) {
            List<Identity> own = Identity.of(fresh.get(i));
            if (own.isEmpty()) {
                throw new IllegalArgumentException("message " + fresh.get(i).message().messageId()
                        + " has no phone, email or platform user id to recognise its sender by");
            }
            identities.add(own);
            for (Identity identity : own) {
                Integer seen = identityFirstSeen.putIfAbsent(identity, i);
                if (seen != null) {
                    union(parent, i, seen);
                }
                Long owner = owners.get(identity);
                if (owner != null) {
                    Integer leadSeen = leadFirstSeen.putIfAbsent(owner, i);
                    if (leadSeen != null) {
                        union(parent, i, leadSeen);
                    }
                }
            }
        }
        Map<Integer, Group> groups = new LinkedHashMap<>();
        for (int i = 0; i < fresh.size(); i++) {
            Group group = groups.computeIfAbsent(find(parent, i),
                    root -> new Group(new ArrayList<>(), new LinkedHashSet<>(), new LinkedHashSet<>()));
            group.events().add(fresh.get(i));
            for (Identity identity : identities.get(i)) {
                group.identities().add(identity);
                Long owner = owners.get(identity);
                if (owner != null) {
                    group.leadIds().add(owner);
                }
            }
        }
        return new Grouping(List.copyOf(groups.values()));
    }

    /**
     * The writes of a batch.
     *
     * @param leads   the stored leads the grouping touches, locked
     * @param history each touched lead's analysed messages since {@link Grouping#historySince}
     * @param newIds  ids for the new leads, {@link Grouping#newLeadCount} of them
     * @param now     the moment of scoring
     */
    public BatchPlan plan(Grouping grouping, Map<Identity, Long> owners, Map<Long, StoredLead> leads,
                          Map<Long, List<Signal>> history, List<Long> newIds, Instant now) {
        Iterator<Long> ids = newIds.iterator();
        List<LeadRow> inserts = new ArrayList<>();
        List<LeadRow> updates = new ArrayList<>();
        List<Merge> merges = new ArrayList<>();
        List<IdentityRow> identities = new ArrayList<>();
        List<WrittenRow> written = new ArrayList<>();
        Map<List<Object>, NameRow> names = new LinkedHashMap<>();
        Map<MessageKey, Long> leadOf = new LinkedHashMap<>();
        for (Group group : grouping.groups()) {
            List<StoredLead> stored = group.leadIds().stream().map(leads::get)
                    .sorted(Comparator.comparing(StoredLead::createdAt).thenComparing(StoredLead::id)).toList();
            boolean isNew = stored.isEmpty();
            long leadId = isNew ? ids.next() : stored.get(0).id();
            LeadRow row = person(leadId, group, stored, history, now, names);
            (isNew ? inserts : updates).add(row);
            stored.stream().skip(1).forEach(younger -> merges.add(new Merge(younger.id(), leadId, MessageKey.of(group.events().get(0)))));
            group.identities().stream().filter(identity -> !owners.containsKey(identity))
                    .forEach(identity -> identities.add(new IdentityRow(identity, leadId)));
            written.addAll(written(group, owners, leadId));
            group.events().forEach(event -> leadOf.put(MessageKey.of(event), leadId));
        }
        List<MessageRow> messages = new ArrayList<>();
        grouping.groups().forEach(g -> g.events().forEach(e -> messages.add(new MessageRow(e, leadOf.get(MessageKey.of(e))))));
        return new BatchPlan(inserts, updates, merges, messages, identities, written, List.copyOf(names.values()), leadOf);
    }

    /**
     * What the person wrote that is not theirs: each phone or email once, with the first message (in time) that
     * wrote it. One the person's lead holds already (a stored lead of the group owns it) is theirs.
     */
    private static List<WrittenRow> written(Group group, Map<Identity, Long> owners, long leadId) {
        Map<Identity, WrittenRow> written = new LinkedHashMap<>();
        group.events().stream().sorted(Comparator.comparing((LeadAnalyzed e) -> e.message().receivedAt()))
                .forEach(event -> Identity.written(event).stream()
                        .filter(identity -> !group.identities().contains(identity)
                                && !group.leadIds().contains(owners.get(identity)))
                        .forEach(identity -> written.putIfAbsent(identity, new WrittenRow(leadId, identity, MessageKey.of(event)))));
        return List.copyOf(written.values());
    }

    /** One person's lead after the batch: the oldest stored lead (or a new one) with everything the others knew. */
    private LeadRow person(long leadId, Group group, List<StoredLead> stored, Map<Long, List<Signal>> history, Instant now,
                           Map<List<Object>, NameRow> names) {
        Contact contact = Contact.NONE;
        Instant createdAt = null;
        Instant lastMessageAt = null;
        Channel channel = null;
        String message = null;
        int messageCount = 0;
        List<Signal> signals = new ArrayList<>();
        for (StoredLead lead : stored) {
            contact = filled(contact, lead.contact().name(), lead.contact().phone(), lead.contact().email());
            createdAt = earliest(createdAt, lead.createdAt());
            if (lastMessageAt == null || lead.lastMessageAt().isAfter(lastMessageAt)) {
                lastMessageAt = lead.lastMessageAt();
                channel = lead.channel();
                message = lead.message();
            }
            messageCount += lead.messageCount();
            signals.addAll(history.getOrDefault(lead.id(), List.of()));
        }
        // The stored leads' names are in lead_name already (a merged lead's move with it).
        Set<String> knownNames = new HashSet<>();
        stored.forEach(lead -> knownNames.add(lead.contact().name()));
        List<LeadAnalyzed> inTimeOrder = group.events().stream()
                .sorted(Comparator.comparing((LeadAnalyzed e) -> e.message().receivedAt())).toList();
        for (LeadAnalyzed event : inTimeOrder) {
            LeadMessage m = event.message();
            String name = m.senderName() == null || m.senderName().isBlank() ? null : m.senderName().strip();
            if (name != null && !knownNames.contains(name)) {
                addName(names, leadId, name, m.channel(), m.receivedAt());
            }
            // A written phone or email still fills an empty contact field (how an Instagram or email customer gives
            // a number to call back); it links to no lead (Identity#written).
            contact = filled(contact, name, first(m.phone(), Identity.writtenPhones(event)),
                    first(m.email() == null ? null : m.email().strip().toLowerCase(Locale.ROOT), Identity.writtenEmails(event)));
            createdAt = earliest(createdAt, m.receivedAt());
            if (lastMessageAt == null || !m.receivedAt().isBefore(lastMessageAt)) {
                lastMessageAt = m.receivedAt();
                channel = m.channel();
                message = m.text();
            }
            messageCount++;
            signals.add(Signal.of(event));
        }
        ConversationScore score = engine.score(contact, signals, now);
        String leadKey = stored.isEmpty() ? group.events().get(0).message().leadKey() : stored.get(0).leadKey();
        return new LeadRow(leadId, contact, channel, message, score.input().intent(), score.input().urgency(),
                score.breakdown(), createdAt, lastMessageAt, messageCount, leadKey);
    }

    /** Contact details fill in as they arrive; a known one is never overwritten. */
    private static Contact filled(Contact known, String name, String phone, String email) {
        return new Contact(known.name() != null ? known.name() : name,
                known.phone() != null ? known.phone() : phone,
                known.email() != null ? known.email() : email);
    }

    private static void addName(Map<List<Object>, NameRow> names, long leadId, String name, Channel channel, Instant seenAt) {
        names.merge(List.of(leadId, name), new NameRow(leadId, name, channel, seenAt),
                (a, b) -> b.firstSeenAt().isBefore(a.firstSeenAt()) ? b : a);
    }

    private static String first(String given, List<String> written) {
        return given != null && !given.isBlank() ? given.strip() : written.isEmpty() ? null : written.get(0);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
