// Small DOM helpers shared by the page's modules.
// Everything shown from the server goes in through text nodes (see el()), never through innerHTML,
// so nothing a parent or member of staff types can become markup.

/** Builds an element. Strings among the children become text nodes, never markup. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export function show(node, visible = true) {
  node.hidden = !visible;
}

/** Disables a submit button with a busy label; the returned function restores it. */
export function busy(button, label) {
  const idle = button.textContent;
  button.disabled = true;
  button.textContent = label;
  return () => {
    button.disabled = false;
    button.textContent = idle;
  };
}
