import type { AssigneeOption, CompanyListPage } from "@/lib/clients/list";
import type { listSavedViews } from "@/lib/saved-views/service";

/** What the clients list page reads for one view: the page itself from the database, the bench's floor page from memory. */
export type ClientsPageData = {
  page: CompanyListPage;
  assignees: AssigneeOption[];
  savedViews: Awaited<ReturnType<typeof listSavedViews>>;
};
