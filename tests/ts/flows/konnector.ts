// The Konnector flow a frontend would write: test the key and get the
// encrypted ids, read a dashboard for two users, list campaigns, read a
// routine's optimized data, and handle a refused id. Types come from
// gen/konnector.d.ts (openapi-typescript), calls from openapi-fetch.
import createClient from "openapi-fetch";
import type { paths } from "../gen/konnector.js";
import { expect, mockURL, ok, run } from "./check.js";

run("konnector", async () => {
  const client = createClient<paths>({
    baseUrl: `${mockURL()}/social_app/api/v1/third_party`,
    headers: { Authorization: "ts-flow-konnector" },
  });

  const filters = ok("GET /user-campaign-filters", await client.GET("/user-campaign-filters"));
  const users = filters.data.linkedin_users.map((u) => u.linkedin_user_information_id);
  expect(filters.status && users.length >= 2, "an organisation has LinkedIn users", filters.data);

  const dashboard = ok("POST /dashboard-info", await client.POST("/dashboard-info", {
    body: { linkedin_user_information_ids: users.slice(0, 2), start_date: "2025-05-05", end_date: "2025-05-11" },
  }));
  const graph = dashboard.data.connection_graph;
  const requested = graph.request.reduce((sum, day) => sum + day.count_data, 0);
  expect(requested === graph.total_friend_request_count, "the graph's daily requests add up to its total", graph);

  const campaigns = ok("GET /campaign-info", await client.GET("/campaign-info", {
    params: { query: { limit: 5, sort_by: "member_count" } },
  }));
  const first = campaigns.data.campaign_info[0];
  expect(first !== undefined, "the organisation has campaigns", campaigns.data);

  const routine = ok("GET /optimized_routine_data", await client.GET("/optimized_routine_data", {
    params: { query: { linkedin_campaign_routine_id: first.linkedin_campaign_routine.id } },
  }));
  expect(routine.status, "the routine's data is served", routine);

  // The doc's placeholder id is not an id of this organisation: 400.
  const refused = await client.POST("/campaign-info", {
    body: { linkedin_user_information_ids: ["encrypted_id_string_1"] },
  });
  expect(refused.response.status === 400 && refused.error !== undefined, "a foreign user id is refused", refused.error);
  expect(refused.error.status === false && refused.error.message !== "", "the error is in Konnector's envelope", refused.error);
  console.log(`ok POST /campaign-info refused (${refused.response.status} ${refused.error.data.error_code})`);
});
