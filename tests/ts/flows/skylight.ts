// The SkyLight flow a frontend would write: check the LinkedIn channel and
// the account's subscription, search people with the doc's example, launch
// a sequence campaign on them, read its stats, send a message and find it
// in the conversations, and handle a validation error. Types come from
// gen/skylight.d.ts (openapi-typescript), calls from openapi-fetch.
import createClient from "openapi-fetch";
import type { components, paths } from "../gen/skylight.js";
import { expect, mockURL, ok, run } from "./check.js";

type ApiError = components["schemas"]["Error"];

run("skylight", async () => {
  const client = createClient<paths>({
    baseUrl: `${mockURL()}/api/v1`,
    headers: { "X-Api-Key": "ts-flow-skylight" },
  });

  const channel = ok("GET /channels/linkedin/status", await client.GET("/channels/linkedin/status")).data;
  expect(channel.is_connected && channel.sync_status === "OK", "the default scenario is connected", channel);

  const account = ok("GET /account/subscription", await client.GET("/account/subscription")).data;
  expect(account.features.linkedin_access && account.limits.max_linkedin_jobs.max > 0, "the plan includes LinkedIn", account);

  const found = ok("POST /linkedin/sourcing/search", await client.POST("/linkedin/sourcing/search", {
    body: { title: "مدير تسويق", location: "الرياض", company: "شركة سحاب الخليج", limit: 25 },
  })).data;
  const ids = found.items.slice(0, 2).map((p) => p.provider_id);
  expect(ids.length > 0, "the doc's search example finds people", found);

  const campaign = ok("POST /linkedin/sourcing/launch-campaign", await client.POST("/linkedin/sourcing/launch-campaign", {
    body: {
      name: "تواصل مع مديري التسويق في الرياض",
      campaign_type: "sequence",
      provider_ids: ids,
      invite_note: "مرحباً، أتابع أعمالكم في قطاع التقنية وأحب التواصل معكم.",
      sequence_messages: [{ text: "شكراً على قبول الدعوة", wait_days: 3 }],
    },
  })).data;
  expect(campaign.status === "active" && campaign.contacts_count === ids.length, "a launched campaign is active", campaign);

  const stats = ok("GET /linkedin/outreach/campaigns/{id}/stats", await client.GET("/linkedin/outreach/campaigns/{id}/stats", {
    params: { path: { id: campaign.id } },
  })).data;
  expect(stats.campaign_id === campaign.id && stats.stats.total_contacts === ids.length, "the stats count the campaign's contacts", stats);

  const sent = ok("POST /messages/send", await client.POST("/messages/send", {
    body: { contact_id: 418, message: "Hello from the TypeScript flow" },
  })).data;
  expect(sent.direction === "outbound" && sent.content === "Hello from the TypeScript flow", "the message is sent as written", sent);

  const conversations = ok("GET /conversations", await client.GET("/conversations", {
    params: { query: { contact_id: 418 } },
  }));
  const conversation = conversations.data[0];
  expect(conversation !== undefined && conversation.contact_id === 418 && conversations.meta.total >= 1,
    "the contact's conversation is listed", conversations);

  // An empty message is refused with a 422 naming the field.
  const refused = await client.POST("/messages/send", { body: { contact_id: 418, message: "" } });
  expect(refused.response.status === 422 && refused.error !== undefined, "an empty message is refused", refused.error);
  const err: ApiError = refused.error;
  expect(err.success === false && err.errors?.["message"] !== undefined, "the 422 names the field", err);
  console.log(`ok POST /messages/send refused (${refused.response.status} ${err.message})`);
});
