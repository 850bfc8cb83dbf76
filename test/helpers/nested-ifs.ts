/** A model whose If's then_branch holds an If, and so on `depth` times, written field by field (protobuf wire format). */
export function nestedIfs(depth: number): Uint8Array {
  const utf8 = new TextEncoder();
  const varint = (n: number) => {
    const out: number[] = [];
    for (; n >= 0x80; n = Math.floor(n / 128)) out.push((n % 128) | 0x80);
    out.push(n);
    return out;
  };
  const concat = (parts: (Uint8Array | number[])[]) => {
    const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  const bytesField = (field: number, payload: Uint8Array) => concat([varint(field * 8 + 2), varint(payload.length), payload]);
  const text = (field: number, value: string) => bytesField(field, utf8.encode(value));
  const int = (field: number, value: number) => Uint8Array.from([...varint(field * 8), ...varint(value)]);
  const output = (name: string) => bytesField(12, text(1, name)); // GraphProto.output: ValueInfoProto{name}, untyped
  const graphAttr = (name: string, graph: Uint8Array) => bytesField(5, concat([text(1, name), bytesField(6, graph), int(20, 5)]));
  const identity = (out: string) => concat([bytesField(1, concat([text(1, 'x'), text(2, out), text(4, 'Identity')])), output(out)]);
  let graph = identity('y0');
  for (let k = 1; k <= depth; k++) {
    const ifNode = concat([text(1, 'cond'), text(2, `y${k}`), text(4, 'If'), graphAttr('then_branch', graph), graphAttr('else_branch', identity(`e${k}`))]);
    graph = concat([bytesField(1, ifNode), output(`y${k}`)]);
  }
  const tensorInput = (name: string, elemType: number) => bytesField(11, concat([text(1, name), bytesField(2, bytesField(1, int(1, elemType)))]));
  const main = concat([graph.subarray(0, graph.length), tensorInput('x', 1), tensorInput('cond', 9)]);
  return concat([int(1, 8), bytesField(7, main), bytesField(8, int(2, 13))]);
}
