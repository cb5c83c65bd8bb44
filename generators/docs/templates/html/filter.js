// Progressive enhancement: without this script the page shows every code and the filter stays hidden.
(() => {
  const box = document.getElementById('code-filter-box');
  const input = document.getElementById('code-filter');
  const status = document.getElementById('code-filter-status');
  const rows = Array.from(document.querySelectorAll('#codes tbody tr'));
  const apply = () => {
    const terms = input.value.toLowerCase().split(/\s+/).filter((term) => term !== '');
    let shown = 0;
    for (const row of rows) {
      const match = terms.every((term) => row.dataset.search.includes(term));
      row.hidden = !match;
      if (match) shown += 1;
    }
    status.textContent = terms.length === 0 ? `${rows.length} codes` : `${shown} of ${rows.length} codes match`;
  };
  // A link to #code-NNNN must land on its row even while a filter hides it.
  const reveal = () => {
    const target = location.hash === '' ? null : document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target !== null && target.hidden) {
      input.value = '';
      apply();
      target.scrollIntoView();
    }
  };
  input.addEventListener('input', apply);
  window.addEventListener('hashchange', reveal);
  box.hidden = false;
  apply();
})();
