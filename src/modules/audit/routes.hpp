// The audit API: the store-wide log, its CSV export, and one customer's activity timeline.
#pragma once

#include "core/json_writer.hpp"
#include "modules/admins/guard.hpp"
#include "modules/audit/query.hpp"
#include "modules/audit/service.hpp"

namespace clientele::audit {

void RegisterRoutes(admins::AdminApi& api, Service& service);

// How much of an event a reader sees. Everything, for those who may read the audit trail; a
// customer's timeline, for everyone who may view customers: who changed what and when, not where
// admins acted from (IP, browser) nor which credential they used; and the customer's own copy
// (their data export): the timeline, with where the customer acted from themself.
enum class EventDetail { kFull, kTimeline, kSubject };
// Writes the event as the API shows it at that detail.
void WriteEventJson(JsonWriter& writer, const EventView& e, EventDetail detail);

}  // namespace clientele::audit
