export const greet = (name) => `hello, ${name}`;
export const unused = () => "tree-shaken away";
