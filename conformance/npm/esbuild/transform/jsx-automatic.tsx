export function List({ items, onPick }) {
  return (
    <ul className="list">
      {items.map((it) => (
        <li key={it.id} onClick={() => onPick(it)}>
          {it.label} — ✓
        </li>
      ))}
      <>
        <Footer count={items.length} {...{ dense: true }} />
      </>
    </ul>
  );
}
