// GraphiQL with the explorer plugin, every file served by policykg (see api/templates/graphiql.html).
// The query, variables and headers live in the address bar (?query=...), so a link shares a query.
"use strict";

(function () {
  const DEFAULT_QUERY = `# 我们在鄂州，持有省级专精特新中小企业：现在能申报什么？奖励多少？找谁？
# We hold a provincial 专精特新中小企业 in 鄂州: what can we apply for, what does it pay, whom to call?
# Ctrl-Enter runs the query; the Explorer (left) builds one by clicking.
{
  eligible(holding: [{name: "专精特新中小企业", level: PROVINCIAL}], region: "鄂州") {
    ... on EligiblePrograms {
      programs {
        program {
          name
          benefits { benefit { type amountMaxWan text } evidence }
          contacts { office { name } phone evidence document { id name } }
        }
      }
    }
    ... on UnknownInput { message suggestions }
  }
}
`;

  const params = new URLSearchParams(window.location.search);

  function remember(key, value) {
    if (value) params.set(key, value);
    else params.delete(key);
    const search = params.toString();
    history.replaceState(null, "", search ? "?" + search : window.location.pathname);
  }

  // This page is served at the GraphQL endpoint itself; POST there (no websocket: no subscriptions).
  const fetcher = GraphiQL.createFetcher({ url: window.location.pathname });

  function App() {
    const [query, setQuery] = React.useState(params.get("query") || DEFAULT_QUERY);
    const [variables, setVariables] = React.useState(params.get("variables") || undefined);
    const explorer = React.useMemo(() => GraphiQLPluginExplorer.explorerPlugin(), []);
    return React.createElement(GraphiQL, {
      fetcher: fetcher,
      plugins: [explorer],
      query: query,
      variables: variables,
      defaultEditorToolsVisibility: true,
      inputValueDeprecation: true,
      onEditQuery: function (q) {
        setQuery(q);
        remember("query", q);
      },
      onEditVariables: function (v) {
        setVariables(v);
        remember("variables", v);
      },
    });
  }

  ReactDOM.createRoot(document.getElementById("graphiql")).render(React.createElement(App));
})();
