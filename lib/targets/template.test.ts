import { describe, expect, it } from "vitest";
import { renderString, renderTemplate } from "./template";
import { TargetError } from "./types";

const vars = {
  input: { question: "What is 2+2?", user: { name: "Ada", tags: ["a", "b"] }, count: 3 },
  messages: [
    { role: "user" as const, content: "hi" },
    { role: "assistant" as const, content: "hello" },
    { role: "user" as const, content: "What is 2+2?" },
  ],
  secrets: { API_KEY: "sk-very-secret", TENANT: "acme" },
};

describe("renderTemplate", () => {
  it("replaces a string that is exactly one placeholder by the raw JSON value", () => {
    const out = renderTemplate(
      {
        input: "{{input}}",
        messages: "{{messages}}",
        n: "{{input.count}}",
        spaced: "{{ input.user }}",
      },
      vars,
    );
    expect(out).toEqual({
      input: vars.input,
      messages: vars.messages,
      n: 3,
      spaced: { name: "Ada", tags: ["a", "b"] },
    });
  });

  it("replaces embedded placeholders by text: strings as-is, other values as JSON", () => {
    const out = renderTemplate(
      {
        q: "Q: {{input.question}} (asked by {{input.user.name}})",
        tags: "tags={{input.user.tags}} n={{input.count}}",
        last: "last said: {{messages.2.content}}",
      },
      vars,
    );
    expect(out).toEqual({
      q: "Q: What is 2+2? (asked by Ada)",
      tags: 'tags=["a","b"] n=3',
      last: "last said: What is 2+2?",
    });
  });

  it("walks nested objects and arrays and indexes arrays by number", () => {
    const out = renderTemplate(
      { outer: [{ first: "{{input.user.tags.0}}" }, "plain", 7, null], fixed: { keep: true } },
      vars,
    );
    expect(out).toEqual({ outer: [{ first: "a" }, "plain", 7, null], fixed: { keep: true } });
  });

  it("renders a missing input field as null when raw and as empty text when embedded", () => {
    const out = renderTemplate({ raw: "{{input.nope}}", text: "x{{input.user.age}}y" }, vars);
    expect(out).toEqual({ raw: null, text: "xy" });
    expect(renderTemplate("{{input.question.deeper}}", vars)).toBeNull();
  });

  it("substitutes secrets raw and embedded", () => {
    const out = renderTemplate(
      { key: "{{secrets.API_KEY}}", auth: "Bearer {{secrets.API_KEY}}" },
      vars,
    );
    expect(out).toEqual({ key: "sk-very-secret", auth: "Bearer sk-very-secret" });
  });

  it("throws missing_secret naming the secret when it is not defined", () => {
    let caught: unknown;
    try {
      renderTemplate({ key: "{{secrets.NOPE}}" }, vars);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(TargetError);
    expect((caught as TargetError).code).toBe("missing_secret");
    expect((caught as TargetError).transient).toBe(false);
    expect((caught as TargetError).message).toContain("NOPE");
  });

  it("leaves other {{...}} text alone and never expands {{secrets}} as a whole", () => {
    const out = renderTemplate(
      { own: "Hello {{name}}", all: "{{secrets}}", bad: "{{secrets.not-a-name}}" },
      vars,
    );
    expect(out).toEqual({
      own: "Hello {{name}}",
      all: "{{secrets}}",
      bad: "{{secrets.not-a-name}}",
    });
  });

  it("re-renders a cached template with new values", () => {
    const template = { q: "{{input.question}}" };
    expect(renderTemplate(template, vars)).toEqual({ q: "What is 2+2?" });
    expect(renderTemplate(template, { ...vars, input: { question: "Why?" } })).toEqual({
      q: "Why?",
    });
  });
});

describe("renderString", () => {
  it("renders text and serialises raw non-string values", () => {
    expect(renderString("Answer: {{input.question}}", vars)).toBe("Answer: What is 2+2?");
    expect(renderString("{{input.user}}", vars)).toBe('{"name":"Ada","tags":["a","b"]}');
    expect(renderString("{{input}}", { ...vars, input: "plain text" })).toBe("plain text");
    expect(renderString("no placeholders", vars)).toBe("no placeholders");
  });
});
