// Every page: GOV.UK Frontend components in use, and search as you type.
import { createAll, Button, ServiceNavigation, SkipLink } from "govuk-frontend";
import "../styles/app.scss";
import { enhanceSearch } from "../lib/autocomplete";

const onError = (error: unknown) => console.error("lgbench: a component failed to start", error);
createAll(Button, undefined, { onError });
createAll(ServiceNavigation, undefined, { onError });
createAll(SkipLink, undefined, { onError });
document.querySelectorAll<HTMLFormElement>("form[data-app-search]").forEach(enhanceSearch);
